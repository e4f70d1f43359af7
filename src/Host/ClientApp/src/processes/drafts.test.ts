import { describe, expect, it } from 'vitest';
import { exportFileName, exportText, minimalDraft, parseImport, processIdProblem } from './drafts';

describe('processIdProblem', () => {
  it('accepts lowercase letters and digits joined by single hyphens', () => {
    expect(processIdProblem('major-addition-filing', [])).toBeNull();
    expect(processIdProblem('rewards2', ['rewards'])).toBeNull();
  });

  it.each([
    ['', '请填写流程标识'],
    ['Major', '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用'],
    ['new_process', '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用'],
    ['-new', '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用'],
    ['new--process', '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用'],
    ['流程', '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用'],
    ['catalogue', '“catalogue”是保留字，不能用作流程标识'],
    ['a'.repeat(101), '流程标识不能超过 100 个字符'],
  ])('refuses %j', (id, message) => {
    expect(processIdProblem(id, [])).toBe(message);
  });

  it('refuses an id another process has', () => {
    expect(processIdProblem('rewards', ['rewards', 'filing'])).toBe('流程标识“rewards”已被使用，请换一个');
  });
});

describe('minimalDraft', () => {
  it('is 开始 with the start form, 结束, and one edge between them by "done"', () => {
    const draft = minimalDraft('site-visit', ' 实地核查 ');

    expect(draft.id).toBe('site-visit');
    expect(draft.name).toBe('实地核查');
    expect(draft.nodes.map((n) => [n.id, n.kind, n.name, n.inputs])).toEqual([
      ['start', 'Start', '开始', { form: 'start' }],
      ['end', 'End', '结束', {}],
    ]);
    expect(draft.edges).toEqual([{ source: 'start', outcome: 'done', target: 'end' }]);
    expect(draft.forms).toEqual([{ id: 'start', title: '实地核查申请表', fields: [] }]);
  });
});

describe('parseImport', () => {
  const exported = exportText({ ...minimalDraft('site-visit', '实地核查'), version: 3 });

  it('reads back what 导出 JSON wrote, whole', () => {
    const result = parseImport(exported);

    expect(result).toEqual({ definition: JSON.parse(exported) });
  });

  it('fills in missing edges and forms as empty lists', () => {
    const result = parseImport('{"id":"tiny","name":"小流程","nodes":[]}');

    expect(result).toEqual({ definition: { id: 'tiny', name: '小流程', nodes: [], edges: [], forms: [] } });
  });

  it('names the line of a syntax error', () => {
    const result = parseImport('{\n  "id": "tiny" x\n}');

    expect(result).toEqual({ error: '文件不是有效的 JSON（第 2 行附近有误）。' });
  });

  it.each([
    ['', '文件是空的。'],
    ['[1, 2]', '文件内容应为一个流程定义对象（{ … }）。'],
    ['"text"', '文件内容应为一个流程定义对象（{ … }）。'],
    ['{"name":"小流程","nodes":[]}', '文件中缺少流程标识（id）。'],
    ['{"id":"Tiny","name":"小流程","nodes":[]}', '文件中的流程标识“Tiny”不可用：流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用。'],
    ['{"id":"tiny","name":" ","nodes":[]}', '文件中缺少流程名称（name）。'],
    ['{"id":"tiny","name":"小流程"}', '文件中缺少节点列表（nodes）。'],
    ['{"id":"tiny","name":"小流程","nodes":[],"edges":{}}', '文件中的连线（edges）应为列表。'],
    ['{"id":"tiny","name":"小流程","nodes":[],"forms":"start"}', '文件中的表单（forms）应为列表。'],
  ])('refuses %j with a Chinese message', (text, error) => {
    expect(parseImport(text)).toEqual({ error });
  });
});

describe('export', () => {
  it('writes the definition indented, ending with a newline, to <id>.json', () => {
    const text = exportText(minimalDraft('site-visit', '实地核查'));

    expect(text.startsWith('{\n  "id": "site-visit",\n  "name": "实地核查",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(exportFileName('site-visit')).toBe('site-visit.json');
  });
});
