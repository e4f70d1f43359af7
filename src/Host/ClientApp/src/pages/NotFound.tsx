import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export default function NotFound({ detail }: { detail?: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle={detail ?? '要找的内容不存在，或您无权查看。'}
      extra={<Button type="primary" onClick={() => navigate('/')}>返回工作台</Button>}
    />
  );
}
