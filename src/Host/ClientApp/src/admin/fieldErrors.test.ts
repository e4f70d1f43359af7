import { describe, expect, it } from 'vitest';
import { splitFieldErrors } from './fieldErrors';

describe('field errors of a dialog', () => {
  it('puts known fields beside the field and the rest in one message', () => {
    const split = splitFieldErrors({ UserName: ['用户名已被使用。'], '': ['操作未能完成。'], email: ['邮箱格式不正确。'] }, ['userName', 'password']);
    expect(split.fields).toEqual([{ name: 'userName', errors: ['用户名已被使用。'] }]);
    expect(split.rest).toEqual(['操作未能完成。', '邮箱格式不正确。']);
  });
});
