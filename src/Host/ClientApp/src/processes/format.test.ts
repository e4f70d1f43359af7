import { describe, expect, it } from 'vitest';
import { beijingTime } from './format';

describe('beijingTime', () => {
  it('reads an API time as UTC and shows it eight hours on, across midnight too', () => {
    expect(beijingTime('2026-11-25T00:30:00Z')).toBe('2026-11-25 08:30');
    expect(beijingTime('2026-11-25T17:05:00')).toBe('2026-11-26 01:05');
    expect(beijingTime(null)).toBe('—');
  });
});
