// 流程设计器: the canvas (xyflow), the palette from the API's activity catalogue, the property panel from each
// activity's declared inputs, the validator's problems on their nodes, undo/redo, copy/paste, 自动排版, save as a
// draft, publish as a new version, import/export as JSON and a dry run. Administrators only.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Alert, App, Badge, Button, Drawer, Result, Skeleton, Space, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  CopyOutlined,
  DownloadOutlined,
  ExperimentOutlined,
  HistoryOutlined,
  RedoOutlined,
  SaveOutlined,
  SendOutlined,
  SnippetsOutlined,
  UndoOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, useReactFlow } from '@xyflow/react';
import type { Connection, Edge, EdgeChange, NodeChange, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Link, useParams } from 'react-router';
import { isAdministrator } from '../admin/access';
import { NotPermitted } from '../admin/NotPermitted';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { DefinitionPanel } from './DefinitionPanel';
import { DryRunPanel } from './DryRunPanel';
import type { EditorContext } from './inputs/InputEditor';
import { layoutDefinition, nodeHeight, nodeWidth } from './layout';
import type { CatalogueEntry, Clip, DefinitionJson, History, Position, ValidationReport } from './model';
import {
  addNode,
  connect,
  copyNodes,
  disconnect,
  edgeId,
  movePositions,
  outcomesOf,
  paste,
  problemsByNode,
  record,
  redo,
  removeElements,
  renameNode,
  setInput,
  startFormOf,
  startHistory,
  undo,
  updateNode,
} from './model';
import { Palette, paletteMime } from './Palette';
import { PropertyPanel } from './PropertyPanel';
import { StepNode } from './StepNode';
import type { StepFlowNode } from './StepNode';
import { downloadDefinition, parseImport } from '../processes/drafts';
import { ariaLabels } from './aria';
import './designer.css';

const nodeTypes: NodeTypes = { step: StepNode };

interface Loaded {
  definition: DefinitionJson;
  catalogue: CatalogueEntry[];
  roles: { code: string; name: string }[];
  definitions: { id: string; name: string }[];
  /** The published version a draft follows, null for a process never published. */
  latestVersion: number | null;
  fromDraft: boolean;
}

async function loadDesigner(id: string): Promise<Loaded> {
  const [catalogue, roles, definitions] = await Promise.all([
    api.get<CatalogueEntry[]>('/api/definitions/catalogue'),
    api.get<{ code: string; name: string }[]>('/api/roles'),
    api.get<{ id: string; name: string }[]>('/api/definitions'),
  ]);
  const path = `/api/definitions/${encodeURIComponent(id)}`;
  try {
    const draft = await api.get<{ definition: DefinitionJson; latestVersion: number | null }>(`${path}/draft`);
    return { definition: draft.definition, catalogue, roles, definitions, latestVersion: draft.latestVersion, fromDraft: true };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  const published = await api.get<{ definition: DefinitionJson; version: number }>(path);
  return { definition: published.definition, catalogue, roles, definitions, latestVersion: published.version, fromDraft: false };
}

/** Up to this many steps the whole process is fitted into view; a larger one opens at its start, readable. */
const fittedLimit = 60;

function startViewport(definition: DefinitionJson): { x: number; y: number; zoom: number } {
  const zoom = 0.8;
  const left = Math.min(...definition.nodes.map((n) => n.position?.x ?? 0));
  const top = Math.min(...definition.nodes.map((n) => n.position?.y ?? 0));
  return { x: 24 - left * zoom, y: 24 - top * zoom, zoom };
}

/** The validator's report; a request that fails is reported as one problem of the whole definition. */
async function validate(definition: DefinitionJson): Promise<ValidationReport> {
  try {
    return await api.post<ValidationReport>('/api/definitions/validate', definition);
  } catch (error) {
    const message = error instanceof Error ? error.message : '校验失败，请重试。';
    return { valid: false, outcomes: {}, problems: [{ nodeId: null, code: 'unreadable', message }] };
  }
}

/** Nodes without a position (an imported or hand-written file) are placed by the automatic layout. */
async function placed(definition: DefinitionJson, catalogue: Map<string, CatalogueEntry>): Promise<DefinitionJson> {
  if (definition.nodes.every((n) => n.position)) return definition;
  const positions = await layoutDefinition(definition, (id) => {
    const node = definition.nodes.find((n) => n.id === id)!;
    return outcomesOf(node, catalogue, undefined, definition.edges).length;
  });
  return movePositions(definition, positions);
}

export default function DesignerPage() {
  const { me } = useAuth();
  if (!isAdministrator(me)) return <NotPermitted reason="流程设计仅限系统管理员使用。" />;
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}

function Designer() {
  const { definitionId = '' } = useParams();
  const { message, modal } = App.useApp();
  const flow = useReactFlow();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [saved, setSaved] = useState<DefinitionJson | null>(null);
  /** The definition as last published from this page: publishing removes the draft, so nothing is left unsaved. */
  const [published, setPublished] = useState<DefinitionJson | null>(null);
  const [report, setReport] = useState<ValidationReport | null>(null);
  const [checking, setChecking] = useState(true);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [nodes, setNodes] = useState<StepFlowNode[]>([]);
  const [route, setRoute] = useState<string[]>([]);
  const [dryRunOpen, setDryRunOpen] = useState(false);
  const clipboard = useRef<Clip | null>(null);
  const pastes = useRef(0);
  const importer = useRef<HTMLInputElement>(null);
  const checks = useRef(0);
  const checked = useRef<DefinitionJson | null>(null);

  const catalogue = useMemo(() => new Map((loaded?.catalogue ?? []).map((e) => [e.kind, e])), [loaded]);
  const definition = history?.present ?? null;

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setLoadError(null);
    performance.mark('designer-open');
    loadDesigner(definitionId)
      .then(async (data) => {
        performance.mark('designer-loaded');
        // The layout and the first check (positions do not matter to the validator) run side by side.
        const [ready, first] = await Promise.all([
          placed(data.definition, new Map(data.catalogue.map((e) => [e.kind, e]))).then((d) => {
            performance.mark('designer-laid-out');
            return d;
          }),
          validate(data.definition).then((r) => {
            performance.mark('designer-validated');
            return r;
          }),
        ]);
        if (!live) return;
        checked.current = ready;
        setLoaded(data);
        setHistory(startHistory(ready));
        setSaved(data.fromDraft ? ready : null);
        setReport(first);
        setChecking(false);
      })
      .catch((error: unknown) => live && setLoadError(error instanceof ApiError ? error.message : '流程加载失败，请刷新页面重试。'));
    return () => {
      live = false;
    };
  }, [definitionId]);

  // The validator runs on every change, shortly after the last one; only the latest answer counts.
  useEffect(() => {
    if (!definition) return;
    const ticket = ++checks.current;
    // Back to what was last checked (an undo before the check went out): its report stands.
    if (definition === checked.current) {
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = window.setTimeout(() => {
      checked.current = definition;
      void validate(definition).then((answer) => {
        if (ticket !== checks.current) return;
        setReport(answer);
        setChecking(false);
      });
    }, 350);
    return () => window.clearTimeout(timer);
  }, [definition]);

  const shown = nodes.length > 0 && report !== null;
  useEffect(() => {
    if (!shown) return;
    performance.mark('designer-shown');
    requestAnimationFrame(() => setTimeout(() => performance.mark('designer-painted')));
  }, [shown]);

  const problems = useMemo(() => problemsByNode(report?.problems ?? []), [report]);
  const outcomesFor = useCallback(
    (id: string) => {
      const node = definition?.nodes.find((n) => n.id === id);
      return node ? outcomesOf(node, catalogue, report?.outcomes, definition!.edges) : [];
    },
    [definition, catalogue, report],
  );

  // The canvas's nodes follow the definition (before the browser paints); selection and a drag in progress live
  // only on the canvas.
  useLayoutEffect(() => {
    if (!definition) return;
    const chosen = new Set(selected);
    const onRoute = new Set(route);
    setNodes(
      definition.nodes.map((node) => ({
        id: node.id,
        type: 'step',
        position: node.position ?? { x: 0, y: 0 },
        // Known sizes let the canvas skip steps out of view before it has measured any.
        width: nodeWidth(outcomesFor(node.id).length),
        height: nodeHeight,
        selected: chosen.has(node.id),
        data: {
          name: node.name || node.id,
          kindName: catalogue.get(node.kind)?.displayName ?? node.kind,
          outcomes: outcomesFor(node.id),
          problems: problems.get(node.id) ?? [],
          onRoute: onRoute.has(node.id),
        },
      })),
    );
    // selection is read, not followed: the canvas reports it through onNodesChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, catalogue, problems, outcomesFor, route]);

  const edges: Edge[] = useMemo(() => {
    if (!definition) return [];
    const taken = new Set<string>();
    for (let i = 1; i < route.length; i++) taken.add(`${route[i - 1]}>${route[i]}`);
    return definition.edges.map((e) => {
      const outcome = outcomesFor(e.source).find((o) => o.name === e.outcome);
      return {
        id: edgeId(e),
        source: e.source,
        sourceHandle: e.outcome,
        target: e.target,
        targetHandle: 'in',
        ariaLabel: `${outcome?.displayName ?? e.outcome}：连到“${definition.nodes.find((n) => n.id === e.target)?.name ?? e.target}”`,
        className: taken.has(`${e.source}>${e.target}`) ? 'on-route' : undefined,
        data: { outcome: e.outcome },
      };
    });
  }, [definition, outcomesFor, route]);

  const change = useCallback((next: (d: DefinitionJson) => DefinitionJson, key?: string) => {
    setHistory((h) => (h ? record(h, next(h.present), key) : h));
    setRoute([]);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      const selection = changes.filter((c) => c.type === 'select');
      if (selection.length > 0) {
        setSelected((ids) => {
          const next = new Set(ids);
          for (const c of selection) {
            if (c.selected) next.add(c.id);
            else next.delete(c.id);
          }
          return [...next];
        });
      }
      const moved = new Map<string, Position>();
      for (const c of changes) {
        if (c.type === 'position' && c.dragging === false && c.position) moved.set(c.id, c.position);
      }
      if (moved.size > 0) change((d) => movePositions(d, moved));
      const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      if (removed.size > 0) {
        change((d) => removeElements(d, removed, new Set()));
        setSelected((ids) => ids.filter((id) => !removed.has(id)));
      }
    },
    [change],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      if (removed.size > 0) change((d) => removeElements(d, new Set(), removed));
    },
    [change],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle && connection.source !== connection.target) {
        change((d) => connect(d, connection.source, connection.sourceHandle!, connection.target));
      }
    },
    [change],
  );

  const add = useCallback(
    (entry: CatalogueEntry, at?: Position) => {
      let added = '';
      change((d) => {
        const lowest = d.nodes.reduce((y, n) => Math.max(y, (n.position?.y ?? 0) + 120), 0);
        const [next, id] = addNode(d, entry, at ?? { x: d.nodes[d.nodes.length - 1]?.position?.x ?? 0, y: d.nodes.length > 0 ? lowest : 0 });
        added = id;
        return next;
      });
      setSelected([added]);
      setNodes((current) => current.map((n) => ({ ...n, selected: false })));
    },
    [change],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(paletteMime);
      const entry = catalogue.get(kind);
      if (!entry) return;
      event.preventDefault();
      add(entry, flow.screenToFlowPosition({ x: event.clientX - 80, y: event.clientY - 20 }));
    },
    [catalogue, add, flow],
  );

  const copy = useCallback(() => {
    if (!definition) return;
    const clip = copyNodes(definition, new Set(selected));
    if (clip) {
      clipboard.current = clip;
      pastes.current = 0;
      message.success(`已复制 ${clip.nodes.length} 个节点`);
    }
  }, [definition, selected, message]);

  const pasteClip = useCallback(() => {
    const clip = clipboard.current;
    if (!clip) return;
    const shift = 40 * ++pastes.current;
    let ids: string[] = [];
    change((d) => {
      const [next, added] = paste(d, clip, { x: shift, y: shift });
      ids = added;
      return next;
    });
    setSelected(ids);
  }, [change]);

  const relayout = useCallback(async () => {
    if (!definition) return;
    const positions = await layoutDefinition(definition, (id) => outcomesFor(id).length);
    change((d) => movePositions(d, positions));
    window.requestAnimationFrame(() => flow.fitView({ padding: 0.1 }));
  }, [definition, outcomesFor, change, flow]);

  const saveDraft = useCallback(async (): Promise<boolean> => {
    if (!definition) return false;
    setBusy('save');
    try {
      const answer = await api.put<{ definition: DefinitionJson }>(`/api/definitions/${encodeURIComponent(definitionId)}/draft`, definition);
      setSaved(definition);
      message.success('草稿已保存');
      return answer !== undefined;
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : '草稿保存失败，请重试。');
      return false;
    } finally {
      setBusy(null);
    }
  }, [definition, definitionId, message]);

  const publish = useCallback(() => {
    if (!definition) return;
    modal.confirm({
      title: '发布为新版本？',
      content: '发布后新发起的案件按新版本办理；已在办的案件仍按其发起时的版本办结。',
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        setBusy('publish');
        try {
          const answer = await api.post<{ version: number }>(`/api/definitions/${encodeURIComponent(definitionId)}/publish`, definition);
          const current = { ...definition, version: answer.version };
          setSaved(null);
          setPublished(current);
          setLoaded((l) => (l ? { ...l, latestVersion: answer.version, fromDraft: false } : l));
          setHistory((h) => (h ? { ...h, present: current } : h));
          message.success(`已发布为第 ${answer.version} 版`);
        } catch (error) {
          message.error(error instanceof ApiError ? error.message : '发布失败，请重试。');
        } finally {
          setBusy(null);
        }
      },
    });
  }, [definition, definitionId, modal, message]);

  const importFile = useCallback(
    async (file: File) => {
      const read = parseImport(await file.text());
      if ('error' in read) {
        message.error(read.error);
        return;
      }
      const next = await placed({ ...read.definition, id: definitionId }, catalogue);
      change(() => next);
      setSelected([]);
      message.success(read.definition.id === definitionId ? '已导入' : `已导入（流程标识按当前流程改为“${definitionId}”）`);
      window.requestAnimationFrame(() => flow.fitView({ padding: 0.1 }));
    },
    [definitionId, catalogue, change, message, flow],
  );

  // Keyboard: Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z), Ctrl+C / Ctrl+V, Ctrl+S; not while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"], .ant-select');
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void saveDraft();
        return;
      }
      if (typing) return;
      if (key === 'z' && !event.shiftKey) setHistory((h) => (h ? undo(h) : h));
      else if (key === 'y' || (key === 'z' && event.shiftKey)) setHistory((h) => (h ? redo(h) : h));
      else if (key === 'c') copy();
      else if (key === 'v') pasteClip();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [copy, pasteClip, saveDraft]);

  const dirty = definition !== null && definition !== saved && definition !== published && (history?.past.length ?? 0) > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (loadError) return <Result status="warning" title="无法打开流程" subTitle={loadError} extra={<Link to="/admin/processes">返回流程管理</Link>} />;
  if (!loaded || !definition || !history) return <Skeleton active paragraph={{ rows: 10 }} />;

  const context: EditorContext = {
    fields: startFormOf(definition)?.fields ?? [],
    nodes: definition.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind })),
    variables: (definition.variables ?? []).map((v) => ({ name: v.name, label: v.label })),
    definitions: loaded.definitions.filter((d) => d.id !== definition.id).map((d) => ({ id: d.id, name: d.name })),
  };
  const problemCount = report?.problems.length ?? 0;
  const large = definition.nodes.length > fittedLimit;
  const single = selected.length === 1 ? definition.nodes.find((n) => n.id === selected[0]) : undefined;
  const canPublish = !checking && report?.valid === true && busy === null;

  return (
    <div className="designer" data-testid="designer">
      <header className="designer-toolbar">
        <Space wrap size="small">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {definition.name || definition.id}
          </Typography.Title>
          <Typography.Text type="secondary">
            {loaded.latestVersion ? `已发布至第 ${loaded.latestVersion} 版` : '尚未发布'}
            {dirty ? ' · 有未保存的修改' : saved === definition ? ' · 草稿已保存' : ''}
          </Typography.Text>
        </Space>
        <Space wrap size="small">
          <Tooltip title="撤销（Ctrl+Z）">
            <Button aria-label="撤销" data-testid="undo" icon={<UndoOutlined />} disabled={history.past.length === 0} onClick={() => setHistory(undo(history))} />
          </Tooltip>
          <Tooltip title="重做（Ctrl+Y）">
            <Button aria-label="重做" data-testid="redo" icon={<RedoOutlined />} disabled={history.future.length === 0} onClick={() => setHistory(redo(history))} />
          </Tooltip>
          <Tooltip title="复制所选节点（Ctrl+C）">
            <Button aria-label="复制" icon={<CopyOutlined />} disabled={selected.length === 0} onClick={copy} />
          </Tooltip>
          <Tooltip title="粘贴（Ctrl+V）">
            <Button aria-label="粘贴" icon={<SnippetsOutlined />} onClick={pasteClip} />
          </Tooltip>
          <Button icon={<ApartmentOutlined />} data-testid="auto-layout" onClick={() => void relayout()}>
            自动排版
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => importer.current?.click()}>
            导入
          </Button>
          <input
            ref={importer}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="designer-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <Button icon={<DownloadOutlined />} data-testid="designer-export" onClick={() => downloadDefinition(definition)}>
            导出
          </Button>
          <Button icon={<ExperimentOutlined />} data-testid="dryrun-open" onClick={() => setDryRunOpen(true)}>
            试运行
          </Button>
          <Link to={`/admin/processes?versions=${encodeURIComponent(definitionId)}`}>
            <Button icon={<HistoryOutlined />}>版本历史</Button>
          </Link>
          <Button icon={<SaveOutlined />} data-testid="save-draft" loading={busy === 'save'} onClick={() => void saveDraft()}>
            保存草稿
          </Button>
          <Tooltip title={canPublish ? undefined : problemCount > 0 ? '请先解决校验发现的问题' : '正在校验…'}>
            <Button type="primary" icon={<SendOutlined />} data-testid="publish" disabled={!canPublish} loading={busy === 'publish'} onClick={publish}>
              发布
            </Button>
          </Tooltip>
        </Space>
      </header>
      <div className="designer-status" data-testid="validation-status" data-valid={report?.valid === true && !checking}>
        {checking || !report ? (
          <Typography.Text type="secondary">正在校验…</Typography.Text>
        ) : report.valid ? (
          <Badge status="success" text="校验通过，可以发布" />
        ) : (
          <Badge status="error" text={`校验发现 ${problemCount} 处问题，解决后才能发布`} />
        )}
      </div>
      <div className="designer-body">
        <Palette catalogue={loaded.catalogue} onAdd={(entry) => add(entry)} />
        <div className="designer-canvas" data-testid="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            deleteKeyCode={['Delete', 'Backspace']}
            multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
            fitView={!large}
            fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
            defaultViewport={large ? startViewport(definition) : undefined}
            minZoom={0.05}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={ariaLabels}
            aria-label="流程画布"
            onlyRenderVisibleElements
          >
            <Background gap={16} />
            <Controls />
            <MiniMap pannable zoomable ariaLabel="缩略图" />
          </ReactFlow>
        </div>
        <aside className="designer-side">
          {single ? (
            <PropertyPanel
              definition={definition}
              node={single}
              entry={catalogue.get(single.kind)}
              outcomes={outcomesFor(single.id)}
              problems={problems.get(single.id) ?? []}
              context={context}
              onRename={(id) => {
                change((d) => renameNode(d, single.id, id) ?? d);
                setSelected([id]);
              }}
              onName={(name) => change((d) => updateNode(d, single.id, (n) => ({ ...n, name })), `${single.id}:name`)}
              onInput={(input, value) => change((d) => setInput(d, single.id, input, value), `${single.id}:${input}`)}
              onConnect={(outcome, target) =>
                change((d) => (target ? connect(d, single.id, outcome, target) : disconnect(d, single.id, outcome)))
              }
              onDelete={() => {
                change((d) => removeElements(d, new Set([single.id]), new Set()));
                setSelected([]);
              }}
            />
          ) : selected.length > 1 ? (
            <Alert type="info" showIcon title={`已选 ${selected.length} 个节点`} description="可复制、粘贴或按 Delete 删除；选一个节点查看其属性。" />
          ) : (
            <DefinitionPanel
              definition={definition}
              roles={loaded.roles}
              problems={problems.get('') ?? []}
              onChange={(next, key) => change(() => next, key)}
            />
          )}
        </aside>
      </div>
      {/* No mask: the route is marked on the canvas beside the drawer, and must be seen there. */}
      <Drawer title="试运行" size={520} mask={false} open={dryRunOpen} onClose={() => setDryRunOpen(false)} destroyOnHidden={false}>
        <DryRunPanel
          definitionId={definitionId}
          form={startFormOf(definition)}
          nodes={context.nodes}
          saveDraft={saveDraft}
          onRoute={setRoute}
        />
      </Drawer>
    </div>
  );
}
