// Spec strings rarely change between two edits of a config: remember recent parses.

/** Wraps a pure parser of (spec, option) with a bounded cache. Results must not be mutated. */
export function memoise<T, O extends string | undefined>(parse: (spec: string, option: O) => T, max = 20000): (spec: string, option: O) => T {
  const cache = new Map<string, T>();
  return (spec, option) => {
    const key = `${option ?? ''}\u0000${spec}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size >= max) cache.clear();
      hit = parse(spec, option);
      cache.set(key, hit);
    }
    return hit;
  };
}
