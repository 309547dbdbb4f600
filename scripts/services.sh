#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis servers the tests use are up on this machine.
# They are normally started before a session; this restarts one that has stopped.
set -u
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start 2>/dev/null || true
  for _ in $(seq 20); do pg_up && break; sleep 0.5; done
fi
if ! redis_up && command -v redis-server >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log 2>/dev/null || true
  for _ in $(seq 20); do redis_up && break; sleep 0.5; done
fi
pg_up && echo "services: PostgreSQL up" || echo "services: PostgreSQL NOT reachable on 127.0.0.1:5432"
redis_up && echo "services: Redis up" || echo "services: Redis NOT reachable on 127.0.0.1:6379"
exit 0
