// 新建流程, 导入 JSON and 导出 JSON apart from React: the rules of a process id, the smallest draft the validator
// accepts, and reading a file someone exported (here or elsewhere) with the problems named in Chinese.
import type { DefinitionJson } from '../designer/model';
import type { ProcessDefinition } from './types';

/** The id column is this wide on the server. */
const maxIdLength = 100;

/** GET /api/definitions/catalogue is the activity catalogue, so no process may take that id. */
const reserved = ['catalogue'];

/** Lowercase letters and digits in groups joined by single hyphens: "major-addition-filing", "rewards2". */
const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why an id cannot name a new process, or null when it can. */
export function processIdProblem(id: string, existing: readonly string[]): string | null {
  if (id.trim() === '') return '请填写流程标识';
  if (id.length > maxIdLength) return `流程标识不能超过 ${maxIdLength} 个字符`;
  if (!idPattern.test(id)) return '流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用';
  if (reserved.includes(id)) return `“${id}”是保留字，不能用作流程标识`;
  if (existing.includes(id)) return `流程标识“${id}”已被使用，请换一个`;
  return null;
}

/**
 * A new process as the designer first opens it: 开始 with an applicant form of no fields yet, 结束, and the one edge
 * between them. The server's validator finds nothing to fix in it, so it can be dry-run straight away.
 */
export function minimalDraft(id: string, name: string): ProcessDefinition {
  return {
    id,
    name: name.trim(),
    nodes: [
      { id: 'start', kind: 'Start', name: '开始', position: { x: 0, y: 0 }, inputs: { form: 'start' } },
      { id: 'end', kind: 'End', name: '结束', position: { x: 240, y: 0 }, inputs: {} },
    ],
    edges: [{ source: 'start', outcome: 'done', target: 'end' }],
    forms: [{ id: 'start', title: `${name.trim()}申请表`, fields: [] }],
  };
}

export type ImportResult = { definition: ProcessDefinition } | { error: string };

/** The line a JSON.parse error points at: browsers name the line, or the character position. */
function lineOf(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An exported definition read back: the shape checked here (what the import needs to know which process it is),
 * everything else left to the server, whose field errors say what is wrong inside.
 */
export function parseImport(text: string): ImportResult {
  if (text.trim() === '') return { error: '文件是空的。' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const line = lineOf(text, e);
    return { error: line === null ? '文件不是有效的 JSON。' : `文件不是有效的 JSON（第 ${line} 行附近有误）。` };
  }
  if (!isObject(parsed)) return { error: '文件内容应为一个流程定义对象（{ … }）。' };
  const { id, name, nodes, edges, forms } = parsed;
  if (typeof id !== 'string' || id === '') return { error: '文件中缺少流程标识（id）。' };
  const idProblem = processIdProblem(id, []);
  if (idProblem) return { error: `文件中的流程标识“${id}”不可用：${idProblem}。` };
  if (typeof name !== 'string' || name.trim() === '') return { error: '文件中缺少流程名称（name）。' };
  if (!Array.isArray(nodes)) return { error: '文件中缺少节点列表（nodes）。' };
  if (edges !== undefined && !Array.isArray(edges)) return { error: '文件中的连线（edges）应为列表。' };
  if (forms !== undefined && !Array.isArray(forms)) return { error: '文件中的表单（forms）应为列表。' };
  return { definition: { ...parsed, edges: edges ?? [], forms: forms ?? [] } as ProcessDefinition };
}

/** What 导出 JSON writes: the definition as the API gives it, indented for people and version control. */
export function exportText(definition: DefinitionJson): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

export const exportFileName = (id: string) => `${id}.json`;

/** Hands the definition to the browser as a download named after its id. */
export function downloadDefinition(definition: DefinitionJson): void {
  const url = URL.createObjectURL(new Blob([exportText(definition)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(definition.id);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Released after the click has handed the file to the browser's download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
