#!/bin/sh
# /usr/local/bin/seconde-vie — runs a `seconde-vie` command on this server as the service's user, with the
# service's settings, e.g. `sudo seconde-vie backup /var/backups/seconde-vie/now.svbackup`.
# Run as root (it switches to the seconde-vie user) or as the seconde-vie user itself.
set -eu
APP_DIR=/opt/seconde-vie
ENV_FILE=/etc/seconde-vie/seconde-vie.env
RUN_AS=seconde-vie

cd "$APP_DIR"
run='set -a; . "$0"; set +a; exec node bin/seconde-vie.mjs "$@"'
if [ "$(id -un)" = "$RUN_AS" ]; then
  exec sh -c "$run" "$ENV_FILE" "$@"
fi
exec runuser -u "$RUN_AS" -- sh -c "$run" "$ENV_FILE" "$@"
