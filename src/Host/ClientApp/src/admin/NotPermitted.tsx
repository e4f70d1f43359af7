// The page an administrator-only address shows everyone else (the API refuses them with 403 as well).
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function NotPermitted({ reason }: { reason: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={reason}
      extra={<Button type="primary" onClick={() => navigate('/')}>返回工作台</Button>}
    />
  );
}
