import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorPath } from '../api';
import { useAuth } from '../auth';

interface Credentials {
  userName: string;
  password: string;
}

export default function Login() {
  const { me, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={back} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.userName, values.password);
      navigate(back, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        form.setFields(Object.entries(e.fieldErrors).map(([key, errors]) => ({ name: errorPath(key) as never, errors })));
      } else {
        setError(e instanceof Error ? e.message : '登录失败');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3}>技工院校审批系统</Typography.Title>
        <Typography.Paragraph type="secondary">专业设置、遴选与项目申报的网上审批</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="userName" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" placeholder="请输入用户名" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" placeholder="请输入密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
