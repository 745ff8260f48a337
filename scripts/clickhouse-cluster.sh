#!/usr/bin/env bash
# Two local ClickHouse servers (Debian's clickhouse-server, 18.16 works) as the two shards of one cluster `xinjian`,
# for the engine conformance suite and for trying `--engine clickhouse` on one machine.
#
#   scripts/clickhouse-cluster.sh start DIR   configs, data, logs and PID files go into DIR (created if missing);
#                                             prints the shard URLs and writes them to DIR/url
#   scripts/clickhouse-cluster.sh stop DIR    kills exactly the PIDs recorded in DIR/*/pid, then removes DIR's data
#
# Everything listens on 127.0.0.1 only, and the `default` user (no password) is accepted from 127.0.0.1 only.
# Ports (override with XINJIAN_CH_HTTP_PORT / XINJIAN_CH_TCP_PORT / XINJIAN_CH_INTERSERVER_PORT; shard 2 uses +1):
#   shard 1: http 18123, tcp 19000, interserver 19009     shard 2: http 18124, tcp 19001, interserver 19010
# The servers are the packages' binaries run with our own configs; the Debian service is never used.
# XINJIAN_CH_KEEP=1 keeps DIR after `stop` (logs, data).
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

HTTP_BASE="${XINJIAN_CH_HTTP_PORT:-18123}"
TCP_BASE="${XINJIAN_CH_TCP_PORT:-19000}"
INTER_BASE="${XINJIAN_CH_INTERSERVER_PORT:-19009}"
SHARDS=2
SERVER_BIN="${CLICKHOUSE_SERVER_BIN:-$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)}"

port_busy() {
  # A successful connect means something already listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_select_1() {
  local url="http://127.0.0.1:$1/?query=SELECT%201"
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -sf --max-time 2 "$url" 2>/dev/null)" == "1" ]]
  elif command -v wget >/dev/null 2>&1; then
    [[ "$(wget -qO- --timeout=2 "$url" 2>/dev/null)" == "1" ]]
  else
    node -e "fetch(process.argv[1]).then(async r=>process.exit((await r.text()).trim()==='1'?0:1),()=>process.exit(1))" "$url"
  fi
}

write_config() {
  local n="$1" shard_dir="$2" http="$3" tcp="$4" inter="$5"
  local shards_xml="" i
  for ((i = 1; i <= SHARDS; i++)); do
    shards_xml+="      <shard><replica><host>127.0.0.1</host><port>$((TCP_BASE + i - 1))</port></replica></shard>
"
  done
  mkdir -p "$shard_dir/data" "$shard_dir/tmp" "$shard_dir/user_files" "$shard_dir/format_schemas" "$shard_dir/log"
  cat >"$shard_dir/config.xml" <<EOF
<?xml version="1.0"?>
<!-- xinjian test shard $n of $SHARDS (written by scripts/clickhouse-cluster.sh) -->
<yandex>
  <logger>
    <level>warning</level>
    <log>$shard_dir/log/server.log</log>
    <errorlog>$shard_dir/log/server.err.log</errorlog>
    <size>100M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$shard_dir/data/</path>
  <tmp_path>$shard_dir/tmp/</tmp_path>
  <user_files_path>$shard_dir/user_files/</user_files_path>
  <format_schema_path>$shard_dir/format_schemas/</format_schema_path>
  <users_config>$shard_dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <xinjian>
$shards_xml    </xinjian>
  </remote_servers>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
  cat >"$shard_dir/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      <load_balancing>random</load_balancing>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks replace="replace"><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries><errors>0</errors><result_rows>0</result_rows>
        <read_rows>0</read_rows><execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
EOF
}

is_our_server() {
  # The PID still belongs to a clickhouse-server started with this shard's config (PIDs can be reused).
  local pid="$1" config="$2"
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--config-file=$config"
}

start() {
  local i t
  if [[ ! -x "$SERVER_BIN" ]]; then
    echo "clickhouse-cluster: clickhouse-server not found (install Debian's clickhouse-server)" >&2
    exit 3
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local urls=()
  for ((i = 1; i <= SHARDS; i++)); do
    local http=$((HTTP_BASE + i - 1)) tcp=$((TCP_BASE + i - 1)) inter=$((INTER_BASE + i - 1))
    for p in "$http" "$tcp" "$inter"; do
      if port_busy "$p"; then
        echo "clickhouse-cluster: port 127.0.0.1:$p is already in use" >&2
        stop_servers
        exit 4
      fi
    done
    local shard_dir="$dir/shard$i"
    write_config "$i" "$shard_dir" "$http" "$tcp" "$inter"
    # nohup execs the server itself, so $! is the server's own PID.
    nohup "$SERVER_BIN" --config-file="$shard_dir/config.xml" >"$shard_dir/log/stdout.log" 2>&1 </dev/null &
    echo "$!" >"$shard_dir/pid"
    urls+=("http://127.0.0.1:$http")
  done
  for ((i = 1; i <= SHARDS; i++)); do
    local http=$((HTTP_BASE + i - 1)) shard_dir="$dir/shard$i" ok=0
    local pid
    pid="$(cat "$shard_dir/pid")"
    for ((t = 0; t < 600; t++)); do
      if http_select_1 "$http"; then
        ok=1
        break
      fi
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      sleep 0.1
    done
    if [[ "$ok" != 1 ]]; then
      echo "clickhouse-cluster: shard $i (PID $pid, http $http) did not answer SELECT 1; log tail:" >&2
      tail -n 20 "$shard_dir/log/server.err.log" "$shard_dir/log/stdout.log" >&2 2>/dev/null || true
      stop_servers
      exit 5
    fi
  done
  local joined
  joined="$(
    IFS=,
    echo "${urls[*]}"
  )"
  echo "$joined" >"$dir/url"
  echo "$joined"
}

stop_servers() {
  local status=0 t
  for pidfile in "$dir"/shard*/pid; do
    [[ -f "$pidfile" ]] || continue
    local pid config
    pid="$(cat "$pidfile")"
    config="$(dirname "$pidfile")/config.xml"
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_server "$pid" "$config"; then
      kill "$pid" 2>/dev/null || true
      for ((t = 0; t < 300; t++)); do
        is_our_server "$pid" "$config" || break
        sleep 0.1
      done
      if is_our_server "$pid" "$config"; then
        echo "clickhouse-cluster: PID $pid did not stop after SIGTERM; sending SIGKILL" >&2
        kill -9 "$pid" 2>/dev/null || true
        sleep 0.5
      fi
      if is_our_server "$pid" "$config"; then
        echo "clickhouse-cluster: PID $pid is still running" >&2
        status=1
        continue
      fi
    fi
    rm -f "$pidfile"
  done
  return "$status"
}

case "$cmd" in
start) start ;;
stop)
  [[ -d "$dir" ]] || exit 0
  dir="$(cd "$dir" && pwd)"
  stop_servers
  if [[ "${XINJIAN_CH_KEEP:-0}" != 1 ]]; then
    # Only remove what this script created.
    for ((i = 1; i <= SHARDS; i++)); do rm -rf "$dir/shard$i"; done
    rm -f "$dir/url"
    rmdir "$dir" 2>/dev/null || true
  fi
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
