// The browser suite's PostgreSQL test starts its own cluster with Debian's server: make sure the
// server is there before the run (installed when root, else the command to run). Never skips.
import { ensurePostgres } from "./postgres-cluster.mjs";

ensurePostgres();
