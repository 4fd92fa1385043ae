// A small key-value store over localStorage that never throws: private modes, full
// quotas and sandboxed iframes make localStorage fail, and the SDK must keep working
// (in memory) when it does.

export type KeyValue = {
  get(key: string): string | null;
  /** false when the value could not be stored durably. */
  set(key: string, value: string): boolean;
  remove(key: string): void;
};

export function memoryStore(): KeyValue {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value);
      return true;
    },
    remove: (key) => void values.delete(key),
  };
}

export function localStore(): KeyValue {
  const fallback = memoryStore();
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
    const probe = "cue:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
  } catch {
    storage = null;
  }
  if (!storage) return fallback;
  const local = storage;
  return {
    get(key) {
      try {
        return local.getItem(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      try {
        local.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        local.removeItem(key);
      } catch {}
    },
  };
}
