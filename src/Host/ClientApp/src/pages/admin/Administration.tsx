// 系统管理: organisations, users and roles, the working-day calendar, the processes; one tab each at /admin/<tab>;
// administrators only.
import { Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { isAdministrator } from '../../admin/access';
import { NotPermitted } from '../../admin/NotPermitted';
import { useAuth } from '../../auth';
import Organizations from './Organizations';
import Processes from './Processes';
import Users from './Users';
import WorkingCalendar from './WorkingCalendar';
import './admin.css';

const tabs = [
  { key: 'organizations', label: '组织机构', page: <Organizations /> },
  { key: 'users', label: '用户与角色', page: <Users /> },
  { key: 'calendar', label: '工作日历', page: <WorkingCalendar /> },
  { key: 'processes', label: '流程管理', page: <Processes /> },
];

export default function Administration() {
  const { me } = useAuth();
  const { tab } = useParams();
  const navigate = useNavigate();
  if (!isAdministrator(me)) {
    return <NotPermitted reason="系统管理仅限系统管理员使用。如需调整组织机构、用户、流程或工作日历，请联系系统管理员。" />;
  }

  const active = tabs.find((t) => t.key === tab) ?? tabs[0]!;
  return (
    <div className="page">
      <Typography.Title level={4}>系统管理</Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`/admin/${key}`)}
        items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.key === active.key ? t.page : null }))}
      />
    </div>
  );
}
