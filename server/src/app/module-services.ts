import type { Container } from './container.js';

/**
 * Where a module keeps the services its setup builds, one set per running Settle (tests run several):
 * its setup `set`s them, its resolvers and routes read them back with `of`. Kept out of the module's
 * `<name>.module.ts`, which imports the resolvers, so that resolvers never import the module file.
 */
export interface ModuleServices<T> {
  set(container: Container, services: T): T;
  of(container: Container): T;
}

export function moduleServices<T>(moduleName: string): ModuleServices<T> {
  const byContainer = new WeakMap<Container, T>();
  return {
    set(container, services) {
      byContainer.set(container, services);
      return services;
    },
    of(container) {
      const services = byContainer.get(container);
      if (services === undefined) throw new Error(`The ${moduleName} module is not set up on this container`);
      return services;
    },
  };
}
