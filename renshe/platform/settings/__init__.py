"""Settings by environment: ``dev`` (default), ``test`` and ``production``.

Everything that differs between machines comes from environment variables
(``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``RENSHE_VAR``...), never from
an edited file.
"""
