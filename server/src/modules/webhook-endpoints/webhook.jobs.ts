declare global {
  namespace GraphileWorker {
    interface Tasks {
      /**
       * Delivers, in order, the pending deliveries of one object to one endpoint (job key and queue
       * `whk:<endpointId>:<objectId>`: one job at a time per pair); a failure re-queues it at its retry time.
       */
      'webhook-endpoints.deliver': { endpointId: string; objectId: string };
    }
  }
}

export {};
