import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck import env


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env.env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env.env_bool("FLAG")


def test_it_reads_integers_strictly(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env.env_int("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="is not an integer"):
        env.env_int("N", 1)


def test_a_secret_may_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert env.env_str("TOKEN") == "s3cret"


def _manage(args, extra_env):
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    environ.update(extra_env)
    return subprocess.run([sys.executable, "manage.py", *args], capture_output=True, text=True, env=environ)


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {"SECRET_KEY": "a-long-random-production-secret-" + "z" * 40, "ALLOWED_HOSTS": "factcheck.example"},
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = _manage(["check"], {"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
