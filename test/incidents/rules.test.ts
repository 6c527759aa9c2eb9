import { describe, expect, it } from 'vitest';
import { canMove, clocksFor, escalationTargets, reviewMissing } from '../../src/modules/incidents/incidents.rules';

describe('incident rules (pure)', () => {
  it('allows exactly one step forward, or cancelling an open incident', () => {
    expect(canMove('triage', 'active')).toBe(true);
    expect(canMove('triage', 'contained')).toBe(false);
    expect(canMove('active', 'triage')).toBe(false);
    expect(canMove('review', 'closed')).toBe(true);
    expect(canMove('review', 'cancelled')).toBe(true);
    expect(canMove('closed', 'cancelled')).toBe(false);
    expect(canMove('cancelled', 'active')).toBe(false);
  });

  it('escalates per severity along the ancestors, nearest first', () => {
    const up = [
      { id: 3, type: 'commune', depth: 3 },
      { id: 2, type: 'department', depth: 2 },
      { id: 1, type: 'ministry', depth: 1 },
    ];
    expect(escalationTargets(1, up)).toEqual([]);
    expect(escalationTargets(2, up)).toEqual([3]);
    expect(escalationTargets(3, up)).toEqual([3, 2]);
    expect(escalationTargets(4, up)).toEqual([3, 2, 1]);
    expect(escalationTargets(3, [])).toEqual([]);
  });

  it('computes the clocks (a high-level statement within 6 hours of detection)', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    const o = new Date('2026-01-01T02:00:00Z');
    expect(clocksFor(3, d, o)).toEqual({ firstStatementDueAt: new Date('2026-01-01T06:00:00Z'), fastReportDueAt: new Date('2026-01-02T02:00:00Z'), updateEveryHours: 12 });
    expect(clocksFor(1, d, o).firstStatementDueAt).toBeNull();
  });

  it('needs every review item written', () => {
    expect(reviewMissing({ wentWell: 'x', toImprove: ' ', lessons: 'y' })).toEqual(['toImprove', 'updatedLines']);
  });
});
