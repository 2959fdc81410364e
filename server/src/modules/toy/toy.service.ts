import type { DataSource } from 'typeorm';
import { moduleServices } from '../../app/module-services.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { ToyNote } from './toy-note.entity.js';

export class ToyService {
  constructor(private readonly db: DataSource) {}

  list(orgId: string): Promise<ToyNote[]> {
    return this.db.getRepository(ToyNote).find({ where: { orgId }, order: { createdAt: 'ASC' } });
  }

  /** The note and its ping job, in one transaction. */
  add(orgId: string, text: string): Promise<ToyNote> {
    return this.db.transaction(async (tx) => {
      const note = await tx.save(tx.create(ToyNote, { orgId, text }));
      await enqueue(tx, 'toy.ping', { noteId: note.id });
      return note;
    });
  }

  async ping(noteId: string): Promise<void> {
    await this.db.getRepository(ToyNote).update({ id: noteId }, { pingedAt: new Date() });
  }
}

export const toys = moduleServices<ToyService>('toy');
