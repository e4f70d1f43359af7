// 导出: the files and print pages the case has data for; each opens in a new tab (a workbook downloads).
import { Button, Card, Space } from 'antd';
import { DownloadOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ExportKind } from '../types';

interface ExportLink {
  label: string;
  path: string;
  icon: 'xlsx' | 'print' | 'text';
}

const links: Record<ExportKind, ExportLink[]> = {
  rewards: [
    { label: '奖励核算表（Excel）', path: 'rewards?format=xlsx', icon: 'xlsx' },
    { label: '奖励核算表（打印）', path: 'rewards?format=print', icon: 'print' },
  ],
  selection: [
    { label: '遴选结果名单（Excel）', path: 'selection?format=xlsx', icon: 'xlsx' },
    { label: '遴选结果名单（打印）', path: 'selection?format=print', icon: 'print' },
  ],
  notice: [
    { label: '公示文本', path: 'notice?kind=notice&format=text', icon: 'text' },
    { label: '公示（打印）', path: 'notice?kind=notice&format=print', icon: 'print' },
    { label: '公告文本', path: 'notice?kind=announcement&format=text', icon: 'text' },
    { label: '公告（打印）', path: 'notice?kind=announcement&format=print', icon: 'print' },
  ],
};

const icons = { xlsx: <DownloadOutlined />, print: <PrinterOutlined />, text: <FileTextOutlined /> };

/** The export links of the kinds given, in the order given. */
function exportLinks(caseId: string, kinds: ExportKind[]): { label: string; href: string; icon: ExportLink['icon'] }[] {
  return kinds.flatMap((kind) =>
    (links[kind] ?? []).map((l) => ({ label: l.label, href: `/api/cases/${encodeURIComponent(caseId)}/exports/${l.path}`, icon: l.icon })),
  );
}

export default function CaseExportLinks({ caseId, kinds }: { caseId: string; kinds: ExportKind[] }) {
  const items = exportLinks(caseId, kinds);
  if (items.length === 0) return null;
  return (
    <Card size="small" title="导出" data-testid="case-exports">
      <Space wrap>
        {items.map((item) => (
          <Button key={item.href} href={item.href} target="_blank" rel="noopener" icon={icons[item.icon]}>
            {item.label}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
