#!/bin/sh
# /usr/local/bin/seconde-vie — runs a `seconde-vie` command on this server as the service's user, with the
# service's settings, e.g. `sudo seconde-vie backup /var/backups/seconde-vie/now.svbackup`.
# Run as root (it switches to the seconde-vie user) or as the seconde-vie user itself.
set -eu
app_dir=/opt/seconde-vie
env_file=/etc/seconde-vie/seconde-vie.env
run_as=seconde-vie

cd "$app_dir"
run='set -a; . "$0"; set +a; exec node bin/seconde-vie.mjs "$@"'
if [ "$(id -un)" = "$run_as" ]; then
  exec sh -c "$run" "$env_file" "$@"
fi
exec runuser -u "$run_as" -- sh -c "$run" "$env_file" "$@"
