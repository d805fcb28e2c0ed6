import type { ReactNode } from 'react';
import { Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';

/** A yes/no step (start, cancel, close, verify): what will happen, the server's refusal if any, one button. */
export function ConfirmModal({
  title,
  text,
  okText,
  danger,
  pending,
  error,
  onOk,
  onClose,
  children,
}: {
  title: string;
  text: ReactNode;
  okText: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onOk: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={danger}
            loading={pending}
            onClick={onOk}
            data-testid="inspection-confirm"
          >
            {okText}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>{text}</Typography.Paragraph>
      {children}
    </Modal>
  );
}
