"""`{% once key %}…{% endonce %}`: a block rendered once per key in one page, its HTML repeated where the key comes
back. For a block that depends on nothing but its key: on the gaps page, the events and projects that address a
recommendation, shown under each of its questions (23 questions, 6 recommendations at ten times the programme's
size). Nothing is kept between requests."""

from django import template

register = template.Library()


class OnceNode(template.Node):
    def __init__(self, key: template.base.FilterExpression, nodelist: template.NodeList):
        self.key, self.nodelist = key, nodelist

    def render(self, context):
        # render_context lives for one rendering of the template: a fresh one for every page.
        rendered = context.render_context.setdefault(self, {})
        key = self.key.resolve(context)
        if key not in rendered:
            rendered[key] = self.nodelist.render(context)
        return rendered[key]


@register.tag
def once(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% once %} takes one key: {% once gap.number %}")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(parser.compile_filter(bits[1]), nodelist)
