import type { TestProject } from "vitest/node";
import { type Cluster, startCluster } from "../../scripts/postgres-cluster.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the private cluster started for this run. */
    postgresUrl: string;
  }
}

let cluster: Cluster | undefined;

/** Starts one private PostgreSQL cluster for the run and removes it afterwards. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startCluster();
  project.provide("postgresUrl", cluster.url);
}

export function teardown(): void {
  cluster?.stop();
}
