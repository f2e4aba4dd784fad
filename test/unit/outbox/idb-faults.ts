import { IDBFactory } from "fake-indexeddb";

/** Fault switches for {@link faultyIndexedDB}; flip them during a test. */
export interface Faults {
  /** What `open()` does: work, throw a DOMException of this name, or never settle. */
  open: "ok" | "never" | "held" | { throws: string };
  /** Writes fail with QuotaExceededError. */
  quotaFull: boolean;
}

/**
 * fake-indexeddb behind switches: `open` can throw (SecurityError in a cross-site iframe,
 * InvalidStateError in some private modes), never settle, or be held until `release()`; writes
 * can fail for lack of quota. `connections` are the databases opened, to close them by force.
 */
export function faultyIndexedDB(base: IDBFactory = new IDBFactory()) {
  const faults: Faults = { open: "ok", quotaFull: false };
  const connections: IDBDatabase[] = [];
  const held: Array<() => void> = [];
  const forward = <T extends object>(target: T, override: (prop: string | symbol) => unknown) =>
    new Proxy(target, {
      get(t, prop) {
        const replaced = override(prop);
        if (replaced !== undefined) return replaced;
        const value = Reflect.get(t, prop, t);
        return typeof value === "function" ? value.bind(t) : value;
      },
      set: (t, prop, value) => Reflect.set(t, prop, value, t),
    });
  // As in browsers, running out of quota aborts the transaction with a QuotaExceededError.
  const wrapTx = (tx: IDBTransaction): IDBTransaction => {
    let quotaError: DOMException | undefined;
    const proxy: IDBTransaction = forward(tx, (prop) => {
      if (prop === "error") return quotaError;
      if (prop === "objectStore")
        return (name: string) =>
          forward(tx.objectStore(name), (p) => {
            if (p === "transaction") return proxy;
            if ((p === "put" || p === "add") && faults.quotaFull)
              return () => {
                quotaError = new DOMException("The quota has been exceeded.", "QuotaExceededError");
                tx.abort();
              };
            return undefined;
          });
      return undefined;
    });
    return proxy;
  };
  const wrapDb = (db: IDBDatabase) =>
    forward(db, (prop) =>
      prop === "transaction"
        ? (...args: Parameters<IDBDatabase["transaction"]>) => wrapTx(db.transaction(...args))
        : undefined,
    );

  /** A request standing in for one the test releases later (or never). */
  function pendingOpen(name: string, version?: number): IDBOpenDBRequest {
    const fake = {} as Record<string, unknown>;
    held.push(() => {
      const real = version === undefined ? base.open(name) : base.open(name, version);
      const copy = () => {
        fake.result = real.readyState === "done" || real.transaction ? wrap(real) : undefined;
        fake.transaction = real.transaction;
        fake.error = real.readyState === "done" ? real.error : null;
      };
      real.onupgradeneeded = (e) => {
        copy();
        (fake.onupgradeneeded as ((e: unknown) => void) | undefined)?.(e);
      };
      real.onsuccess = () => {
        copy();
        (fake.onsuccess as (() => void) | undefined)?.();
      };
      real.onerror = () => {
        copy();
        (fake.onerror as (() => void) | undefined)?.();
      };
    });
    return fake as unknown as IDBOpenDBRequest;
  }

  const wrapped = new WeakMap<IDBDatabase, IDBDatabase>();
  function wrap(request: IDBOpenDBRequest): IDBDatabase {
    const db = request.result;
    let proxy = wrapped.get(db);
    if (!proxy) {
      proxy = wrapDb(db);
      wrapped.set(db, proxy);
      connections.push(db);
    }
    return proxy;
  }

  const factory = {
    open(name: string, version?: number) {
      if (typeof faults.open === "object") throw new DOMException("refused", faults.open.throws);
      if (faults.open === "never") return {} as IDBOpenDBRequest;
      if (faults.open === "held") return pendingOpen(name, version);
      const request = version === undefined ? base.open(name) : base.open(name, version);
      return forward(request, (prop) => (prop === "result" ? wrap(request) : undefined));
    },
    deleteDatabase: (name: string) => base.deleteDatabase(name),
    databases: () => base.databases(),
    cmp: (a: unknown, b: unknown) => base.cmp(a, b),
  } as unknown as IDBFactory;

  return {
    factory,
    base,
    faults,
    connections,
    /** Lets held `open()` calls proceed. */
    release(): void {
      for (const go of held.splice(0)) go();
    },
  };
}

/** Reads the raw queue of a site straight from IndexedDB, as another page would. */
export async function rawQueue(base: IDBFactory, name: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = base.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    return await new Promise((resolve) => {
      const r = db.transaction("kv").objectStore("kv").getAll(IDBKeyRange.bound("q:", "q:\uffff"));
      r.onsuccess = () => resolve(r.result);
    });
  } finally {
    db.close();
  }
}
