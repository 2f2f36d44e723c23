"""Deployment settings come from the environment; production passes `check --deploy`; bad values stop cleanly."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k9#Vq2!rT7zL0wXp4sN8bY1cF6hJ3mD5gA0eU2iO7uR9tK4lQ-production-like-key",
    "ALLOWED_HOSTS": "portal.example.org",
    "PORTAL_URL": "https://portal.example.org",
    "DATABASE_URL": "sqlite:////tmp/cjhp-deploy-check.sqlite3",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "MEDIA_STORAGE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,  # a hung command, not a slow machine
    )


def shell_json(code, **env):
    """The value that `code`, run by `manage.py shell`, leaves in `found` (through JSON)."""
    result = manage("shell", "--no-imports", "-c", f"import json\n{code}\nprint(json.dumps(found))", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_secret_key_stops_with_one_line():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", **environment)
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set when DEBUG is false."


def test_a_wrong_database_url_stops_with_one_clear_line():
    result = manage("check", DEBUG="true", DATABASE_URL="mysqlish://db.example.org/cjhp")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL must start with postgres:// or sqlite:///" in result.stderr


def test_an_unreachable_database_stops_with_one_clear_line():
    result = manage("migrate", DEBUG="true", DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Cannot use the database named by DATABASE_URL:")


def test_development_prints_email_on_the_console(settings):
    from cjhp import settings as portal_settings

    assert portal_settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend")


def test_production_sends_email_through_the_configured_server():
    code = "from django.conf import settings; print(settings.MAILERS['default'])"
    result = manage("shell", "-c", code, **PRODUCTION)
    assert "smtp.EmailBackend" in result.stdout
    assert "mail.example.org" in result.stdout and "587" in result.stdout


def test_load_demo_refuses_to_run_in_production():
    result = manage("load_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "runs only with DEBUG=true" in result.stderr


def test_production_without_a_portal_url_is_warned():
    environment = {key: value for key, value in PRODUCTION.items() if key != "PORTAL_URL"}
    result = manage("check", "--deploy", **environment)
    assert "cjhp.W001" in result.stderr + result.stdout


CACHE = """
from django.conf import settings
from django.core.cache import caches
cache = caches["default"]
found = {
    "class": f"{type(cache).__module__}.{type(cache).__name__}",
    "location": getattr(cache, "_servers", None),
    "options": settings.CACHES["default"].get("OPTIONS"),
}
"""


def test_without_redis_url_each_process_keeps_its_cache_in_memory():
    cache = shell_json(CACHE, DEBUG="true")
    assert cache == {"class": "django.core.cache.backends.locmem.LocMemCache", "location": None, "options": None}


def test_redis_url_gives_the_redis_cache_at_that_address():
    cache = shell_json(CACHE, DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/3")
    assert cache == {
        "class": "django.core.cache.backends.redis.RedisCache",
        "location": ["redis://127.0.0.1:6379/3"],
        "options": {"socket_connect_timeout": 5, "socket_timeout": 5},
    }


def test_a_wrong_redis_url_stops_with_one_clear_line():
    result = manage("check", DEBUG="true", REDIS_URL="127.0.0.1:6379")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: REDIS_URL must start with redis://, rediss:// or unix:// (got 'no scheme')."
    )


def test_failed_logins_are_counted_in_the_shared_database():
    handler = shell_json("from django.conf import settings\nfound = settings.AXES_HANDLER", DEBUG="true")
    assert handler == "axes.handlers.database.AxesDatabaseHandler"


STORAGE = """
from django.core.files.storage import storages
storage = storages["default"]
names = ["location", "bucket_name", "endpoint_url", "region_name", "access_key", "default_acl", "querystring_auth",
         "file_overwrite"]
found = {"class": f"{type(storage).__module__}.{type(storage).__name__}"}
found.update({name: str(getattr(storage, name)) for name in names if hasattr(storage, name)})
"""
S3 = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "cjhp-uploads",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    "AWS_S3_REGION_NAME": "fr-par",
    "AWS_ACCESS_KEY_ID": "PORTALKEY",
    "AWS_SECRET_ACCESS_KEY": "portal-secret",
}


def test_uploaded_files_stay_under_media_root_by_default(tmp_path):
    storage = shell_json(STORAGE, DEBUG="true", MEDIA_ROOT=str(tmp_path))
    assert storage == {"class": "django.core.files.storage.filesystem.FileSystemStorage", "location": str(tmp_path)}


def test_media_storage_s3_keeps_the_uploaded_files_in_a_private_bucket():
    storage = shell_json(STORAGE, **PRODUCTION, **S3)
    assert storage == {
        "class": "storages.backends.s3.S3Storage",
        "location": "",
        "bucket_name": "cjhp-uploads",
        "endpoint_url": "https://objects.example.org",
        "region_name": "fr-par",
        "access_key": "PORTALKEY",
        "default_acl": "None",
        "querystring_auth": "True",
        "file_overwrite": "False",
    }


def test_media_storage_s3_links_to_a_file_only_with_a_signature_that_expires():
    # Made offline: signing a URL needs the keys, not the server.
    code = "from django.core.files.storage import storages\nfound = storages['default'].url('evidence/1/report.pdf')"
    url = shell_json(code, **PRODUCTION, **S3)
    assert url.startswith("https://objects.example.org/cjhp-uploads/evidence/1/report.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url
    assert "portal-secret" not in url


def test_media_storage_s3_leaves_the_static_files_to_whitenoise():
    code = "from django.conf import settings\nfound = settings.STORAGES['staticfiles']"
    assert shell_json(code, **PRODUCTION, **S3) == {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    }


def test_several_instances_with_redis_and_s3_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **S3, REDIS_URL="redis://10.0.0.5:6379/0"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_media_storage_s3_without_a_bucket_stops_with_one_clear_line():
    environment = {key: value for key, value in S3.items() if key != "AWS_STORAGE_BUCKET_NAME"}
    result = manage("check", **PRODUCTION, **environment)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME, the bucket of the uploaded files."
    )


def test_media_storage_s3_without_django_storages_says_what_to_install():
    # manage.py as it runs on a server where the s3 extra was not installed.
    code = "import runpy, sys; sys.modules['storages'] = None; runpy.run_path('manage.py', run_name='__main__')"
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code, "check"],
        cwd=ROOT,
        env=environment | PRODUCTION | S3,
        capture_output=True,
        text=True,
        timeout=240,  # a hung command, not a slow machine
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: MEDIA_STORAGE=s3 needs django-storages and boto3: "
        "pip install -e '.[s3]' (or 'django-storages[s3]')."
    )


def test_an_unknown_media_storage_stops_with_one_clear_line():
    result = manage("check", DEBUG="true", MEDIA_STORAGE="ftp")
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: MEDIA_STORAGE must be filesystem or s3 (got 'ftp')."


def test_behind_a_proxy_allauth_limits_each_person_by_their_own_address():
    """PROXY_COUNT=1 (one proxy of the programme's in front of gunicorn): allauth's rate limits, like django-axes,
    read the person's address from X-Forwarded-For, not the proxy's."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.test import RequestFactory\n"
        "from allauth.account.adapter import get_adapter\n"
        "request = RequestFactory().get('/', HTTP_X_FORWARDED_FOR='203.0.113.7', REMOTE_ADDR='10.0.0.2')\n"
        "print(get_adapter().get_client_ip(request))",
        PROXY_COUNT="1",
        DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "203.0.113.7"
