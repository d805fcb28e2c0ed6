import { Button, Drawer, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../errors/ErrorAlert';
import { useIsMobile } from '../useMediaQuery';

/**
 * The side panel every create/edit form uses: full width on a phone, Cancel and Save in the footer, a spinner
 * while the record loads and the load error in place of the form.
 */
export function FormDrawer({
  open,
  onClose,
  title,
  editing,
  saving,
  onSave,
  saveTestId,
  loading,
  loadError,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  editing: boolean;
  saving: boolean;
  onSave: () => void;
  saveTestId: string;
  loading: boolean;
  loadError: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={title}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {editing && loading ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : editing && loadError ? (
        <ErrorAlert error={loadError} />
      ) : (
        children
      )}
    </Drawer>
  );
}
