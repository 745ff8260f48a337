/**
 * @module engine/clickhouse/cluster
 * Which `remote_servers` cluster the given shard URLs form, from `system.clusters` as each server sees it: exactly
 * these servers as its shards, one replica each, every server local to one shard. Pure (the rows are fetched by
 * the engine).
 */
import { ForensicError } from '../../core/errors.js';
import type { ClickHouseConfig } from './config.js';
import { intValue, stringValue } from './http.js';

/**
 * The cluster whose shards are exactly the given servers, one replica each, and each server's shard number.
 * `layout`: (cluster, shard_num, replicas) as the initiator sees them; `locals[i]`: (cluster, shard_num, replica)
 * rows where server i is local.
 */
export function pickCluster(
  config: Pick<ClickHouseConfig, 'cluster' | 'servers'>,
  layout: readonly (readonly unknown[])[],
  locals: readonly (readonly (readonly unknown[])[])[],
): { cluster: string; shardNums: number[] } {
  const n = config.servers.length;
  const clusters = [...new Set(layout.map((r) => stringValue(r[0])))].sort();
  const problems: string[] = [];
  const fits: { cluster: string; shardNums: number[] }[] = [];
  for (const c of config.cluster !== null ? [config.cluster] : clusters) {
    const shards = layout.filter((r) => r[0] === c);
    if (shards.length === 0) {
      problems.push(`cluster ${c} is not defined on ${config.servers[0]!.label}`);
      continue;
    }
    if (shards.length !== n) {
      problems.push(`cluster ${c} has ${shards.length} shard(s), ${n} server(s) were given`);
      continue;
    }
    if (shards.some((r) => intValue(r[2]) !== 1)) {
      problems.push(`cluster ${c} has replicated shards (give one server per shard, one replica each)`);
      continue;
    }
    const nums = locals.map((rows) => rows.filter((r) => r[0] === c).map((r) => intValue(r[1])));
    const bad = nums.findIndex((x) => x.length !== 1);
    if (bad >= 0) {
      problems.push(
        `${config.servers[bad]!.label} is ${nums[bad]!.length === 0 ? 'not' : 'more than once'} a shard of ${c}`,
      );
      continue;
    }
    const shardNums = nums.map((x) => x[0]!);
    if (new Set(shardNums).size !== n) {
      problems.push(`two servers are the same shard of ${c}`);
      continue;
    }
    fits.push({ cluster: c, shardNums });
  }
  if (fits.length === 1) return fits[0]!;
  if (fits.length > 1) {
    throw new ForensicError(
      'CONFIG',
      `several clusters have exactly these shards (${fits.map((f) => f.cluster).join(', ')}): add ?cluster=NAME`,
    );
  }
  throw new ForensicError(
    'CONFIG',
    `no ClickHouse cluster (remote_servers) has exactly the given servers as its shards: ${problems.join('; ') || 'no clusters defined'}`,
  );
}
