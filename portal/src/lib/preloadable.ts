import { createElement, lazy, type ComponentType } from 'react';

/**
 * A code-split screen that can be fetched ahead of rendering. Once its module has arrived it renders
 * directly, without suspending: a suspended boundary would show the fallback and React throttles the
 * reveal (up to 300 ms), which is most of the first paint of the list on a fast connection.
 */
export function preloadable<P extends object>(factory: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= factory().then((m) => {
      loaded = m.default;
      return m.default;
    }));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function Screen(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy as unknown as ComponentType<P>, props);
  }
  return Object.assign(Screen, { preload });
}
