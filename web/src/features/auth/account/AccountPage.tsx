import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { KeyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth/AuthContext';
import { PageHeader } from '../../../ui/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TwoFactorCard } from './TwoFactorCard';

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card
              title={
                <Flex gap={8} align="center">
                  <UserOutlined />
                  {t('account.profile')}
                </Flex>
              }
            >
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'displayName', label: t('users.displayName'), children: me.displayName },
                  {
                    key: 'username',
                    label: t('users.username'),
                    children: <span className="mono">{me.username}</span>,
                  },
                  {
                    key: 'organisation',
                    label: t('users.organisation'),
                    children: (
                      <span>
                        {me.organisation.name}
                        <br />
                        <span className="muted">{t(`organisationKinds.${me.organisation.kind}`)}</span>
                      </span>
                    ),
                  },
                  {
                    key: 'roles',
                    label: t('users.roles'),
                    children: (
                      <Flex gap={4} wrap>
                        {me.roles.map((role) => (
                          <Tag key={role} color="blue">
                            {t(`roles.${role}`)}
                          </Tag>
                        ))}
                      </Flex>
                    ),
                  },
                  { key: 'scope', label: t('account.scope'), children: t(`scopes.${me.scope}`) },
                  {
                    key: 'permissions',
                    label: t('account.permissions'),
                    children: (
                      <Flex gap={4} wrap>
                        {me.permissions.map((permission) => (
                          <Tag key={permission}>{t(`permissions.${permission}`)}</Tag>
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            </Card>
            <TwoFactorCard />
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card
              title={
                <Flex gap={8} align="center">
                  <KeyOutlined />
                  {t('password.title')}
                </Flex>
              }
            >
              <ChangePasswordForm />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
