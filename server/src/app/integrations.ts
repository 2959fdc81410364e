import type { Container } from './container.js';

/**
 * Integration modules (Stripe, QuickBooks) wire themselves into the container here: hooks, tasks,
 * routes. Each entry runs once at start-up, after the core services exist.
 */
export const INTEGRATIONS: Array<(container: Container) => Promise<void> | void> = [];
