// Spec strings rarely change between two edits of a config: remember recent parses.

/** Wraps a pure parser of (spec, option) with a bounded cache. Results must not be mutated. */
export function memoise<T, O extends string | undefined>(parse: (spec: string, option: O) => T, max = 20000): (spec: string, option: O) => T {
  const byOption = new Map<O, Map<string, T>>();
  let size = 0;
  return (spec, option) => {
    let cache = byOption.get(option);
    if (!cache) byOption.set(option, (cache = new Map()));
    let hit = cache.get(spec);
    if (hit === undefined) {
      if (size >= max) {
        byOption.clear();
        size = 0;
        byOption.set(option, (cache = new Map()));
      }
      hit = parse(spec, option);
      cache.set(spec, hit);
      size++;
    }
    return hit;
  };
}
