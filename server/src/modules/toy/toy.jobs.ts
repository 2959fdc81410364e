declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Marks a note as seen by the worker. */
      'toy.ping': { noteId: string };
    }
  }
}

export {};
