import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  applicableOffsets,
  checkOffsets,
  dueReminders,
  dueWording,
  pendingOffsets,
  plannedFor,
} from './reminder-schedule.js';

const base = { dueDate: '2026-03-31', sentDay: '2026-03-01', offsets: [-3, 0, 7, 14], recorded: [] as number[] };

describe('reminder schedule math', () => {
  it('plans offsets across month ends and leap days by the calendar', () => {
    expect(plannedFor('2026-03-31', 1)).toBe('2026-04-01');
    expect(plannedFor('2026-03-01', -3)).toBe('2026-02-26');
    expect(plannedFor('2028-03-01', -1)).toBe('2028-02-29');
    expect(plannedFor('2026-12-25', 14)).toBe('2027-01-08');
    expect(plannedFor('2026-01-31', 30)).toBe('2026-03-02');
  });

  it('is due on the planned day itself, not the day before', () => {
    expect(dueReminders(base, '2026-03-27')).toEqual({ send: null, skip: [] });
    expect(dueReminders(base, '2026-03-28')).toEqual({ send: -3, skip: [] });
    expect(dueReminders({ ...base, recorded: [-3] }, '2026-03-30')).toEqual({ send: null, skip: [] });
    expect(dueReminders({ ...base, recorded: [-3] }, '2026-03-31')).toEqual({ send: 0, skip: [] });
    // 7 days after 31 March is 7 April.
    expect(dueReminders({ ...base, recorded: [-3, 0] }, '2026-04-06')).toEqual({ send: null, skip: [] });
    expect(dueReminders({ ...base, recorded: [-3, 0] }, '2026-04-07')).toEqual({ send: 7, skip: [] });
  });

  it('after a missed sweep sends only the latest due reminder and skips the earlier ones', () => {
    expect(dueReminders(base, '2026-04-10')).toEqual({ send: 7, skip: [-3, 0] });
    expect(dueReminders({ ...base, recorded: [-3] }, '2026-05-01')).toEqual({ send: 14, skip: [0, 7] });
    expect(dueReminders({ ...base, recorded: [-3, 0, 7, 14] }, '2027-01-01')).toEqual({ send: null, skip: [] });
  });

  it('never sends a reminder earlier than one already recorded (the policy gained an earlier offset)', () => {
    const f = { ...base, offsets: [0, 3, 7], recorded: [7] };
    expect(pendingOffsets(f)).toEqual([]);
    expect(dueReminders(f, '2026-04-20')).toEqual({ send: null, skip: [] });
  });

  it('leaves out reminders planned on or before the day the invoice was sent', () => {
    expect(applicableOffsets({ ...base, sentDay: '2026-03-31' })).toEqual([7, 14]);
    expect(applicableOffsets({ ...base, sentDay: '2026-03-28' })).toEqual([0, 7, 14]);
    expect(dueReminders({ ...base, sentDay: '2026-03-30' }, '2026-03-30')).toEqual({ send: null, skip: [] });
    expect(dueReminders({ ...base, sentDay: '2026-03-30' }, '2026-03-31')).toEqual({ send: 0, skip: [] });
  });

  it('words the due date from the day of the reminder', () => {
    expect(dueWording('2026-03-31', '2026-03-28')).toBe('due in 3 days');
    expect(dueWording('2026-03-31', '2026-03-30')).toBe('due in 1 day');
    expect(dueWording('2026-03-31', '2026-03-31')).toBe('due today');
    expect(dueWording('2026-03-31', '2026-04-01')).toBe('1 day overdue');
    expect(dueWording('2026-02-28', '2026-03-14')).toBe('14 days overdue');
  });

  it('checks offsets and names the field', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).field;
      }
      return 'no error';
    };
    expect(checkOffsets(true, [14, -3, 0])).toEqual([-3, 0, 14]);
    expect(checkOffsets(false, [])).toEqual([]);
    expect(fieldOf(() => checkOffsets(true, [0, -61]))).toBe('offsets.1');
    expect(fieldOf(() => checkOffsets(true, [366]))).toBe('offsets.0');
    expect(fieldOf(() => checkOffsets(true, [1.5]))).toBe('offsets.0');
    expect(fieldOf(() => checkOffsets(true, [1, 2, 1]))).toBe('offsets');
    expect(fieldOf(() => checkOffsets(true, [...Array(11).keys()]))).toBe('offsets');
    expect(fieldOf(() => checkOffsets(true, []))).toBe('offsets');
    expect(checkOffsets(true, [-60, 365])).toEqual([-60, 365]);
  });
});
