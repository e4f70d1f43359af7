// 导入 / 导出: a definition as a pretty-printed JSON file, and a file read back with Chinese errors for what is not one.
import type { DefinitionJson } from './model';

export function downloadDefinition(definition: DefinitionJson): void {
  const blob = new Blob([`${JSON.stringify(definition, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${definition.id || 'process'}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

export async function readDefinitionFile(file: File): Promise<{ definition: DefinitionJson } | { error: string }> {
  return parseDefinition(await file.text());
}

/** The definition a JSON text holds, or why it holds none; the server's validator judges the rest. */
export function parseDefinition(text: string): { definition: DefinitionJson } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: '文件不是有效的 JSON。' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: '文件内容应为一个流程定义对象。' };
  const candidate = data as Partial<DefinitionJson>;
  if (!Array.isArray(candidate.nodes)) return { error: '文件中没有节点列表（nodes），不是流程定义。' };
  if (candidate.edges !== undefined && !Array.isArray(candidate.edges)) return { error: '连线（edges）应为列表。' };
  return {
    definition: {
      ...candidate,
      id: typeof candidate.id === 'string' ? candidate.id : '',
      name: typeof candidate.name === 'string' ? candidate.name : '',
      nodes: candidate.nodes,
      edges: candidate.edges ?? [],
    },
  };
}
