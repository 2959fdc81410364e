declare global {
  namespace GraphileWorker {
    interface Tasks {
      /**
       * Delivers the pending deliveries of one endpoint, each object's in order (job key and queue
       * `whk:<endpointId>`: one drain at a time per endpoint); it comes back at the earliest retry time.
       * Jobs queued before 2026-12 also name an object, which is ignored: the drain takes every object.
       */
      'webhook-endpoints.deliver': { endpointId: string; objectId?: string };
    }
  }
}

export {};
