// 奖励明细: the reward calculation of a competition-rewards case, each line with the rule that priced it, and the
// totals overall and per person, read from the reward table export.
import { useEffect, useState } from 'react';
import { Alert, Card, Skeleton, Table, Typography } from 'antd';
import { api, ApiError } from '../api';
import type { RewardLine, RewardTable } from '../types';
import './case-page.css';

const yuan = (amount: number) => amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export default function RewardDetails({ caseId }: { caseId: string }) {
  const [table, setTable] = useState<RewardTable | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<RewardTable>(`/api/cases/${encodeURIComponent(caseId)}/exports/rewards?format=json`).then(setTable, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : '奖励明细加载失败'),
    );
  }, [caseId]);

  return (
    <Card size="small" title="奖励明细" className="reward-details" data-testid="reward-details">
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : !table ? (
        <Skeleton active />
      ) : (
        <>
          <Table<RewardLine>
            size="small"
            className="reward-lines"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={table.lines}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有获奖记录' }}
            columns={[
              { title: '序号', key: 'n', width: 56, render: (_v, _r, i) => i + 1 },
              { title: '姓名', dataIndex: 'person' },
              { title: '身份', dataIndex: 'role' },
              { title: '赛项', dataIndex: 'event' },
              { title: '竞赛级别', dataIndex: 'level' },
              { title: '获奖等次', dataIndex: 'rankName' },
              { title: '举办单位类型', dataIndex: 'organiser' },
              { title: '奖励金额（元）', dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
              {
                title: '核算依据',
                key: 'rule',
                render: (_v, line) => (line.excluded ? <Typography.Text type="secondary">不予奖励：{line.excluded}</Typography.Text> : line.rule),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={7}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <strong data-testid="reward-overall">{yuan(table.overall)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} />
              </Table.Summary.Row>
            )}
          />
          <Typography.Title level={5} className="reward-people-title">按人汇总</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="person"
            dataSource={table.byPerson}
            className="reward-people"
            columns={[
              { title: '姓名', dataIndex: 'person' },
              { title: '奖励金额（元）', dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong>{yuan(table.overall)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </Card>
  );
}
