export interface Cluster {
  url: string;
  port: number;
  dir: string;
  kill(): void;
  start(): void;
  stop(): void;
}
export function ensurePostgres(): void;
export function startCluster(options?: {
  settings?: Record<string, string | number>;
}): Promise<Cluster>;
