import { useRef, useState } from 'react';
import { App, Button, Flex, List, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import {
  DeleteOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationFile, DossierDocument } from '@sievert/core';
import { api, API_BASE } from '../../../app/api/client';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { useRegistryRights } from '../../registry/rights';
import { procedureOf } from '../badges';

/** Said before a file is chosen; the server refuses anything larger or of another kind. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

export function useApplicationFiles(id: number | undefined) {
  return useQuery({
    queryKey: ['licensing', 'applications', 'files', id],
    queryFn: ({ signal }) => api.get<ApplicationFile[]>(`/applications/${id}/files`, undefined, signal),
    enabled: typeof id === 'number',
  });
}

/** The documents of the procedure that a complete dossier has and this one lacks. */
export function missingDocuments(
  application: Application,
  files: readonly ApplicationFile[] | undefined,
): DossierDocument[] {
  const documents = procedureOf(application.procedure)?.documents ?? [];
  return documents.filter((d) => d.required && !files?.some((f) => f.documentType === d.code));
}

function FileIcon({ type }: { type: string }) {
  if (type === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (type.startsWith('image/')) return <FileImageOutlined style={{ color: '#1677ff' }} />;
  if (type.includes('wordprocessingml')) return <FileWordOutlined style={{ color: '#1d39c4' }} />;
  if (type.includes('spreadsheetml')) return <FileExcelOutlined style={{ color: '#389e0d' }} />;
  return <PaperClipOutlined />;
}

/**
 * The dossier (thành phần hồ sơ): each document the procedure asks for, with its files. The applicant attaches
 * and removes files while the dossier is a draft or returned; the officer sees at a glance what is missing.
 */
export function DossierFiles({ application }: { application: Application }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const rights = useRegistryRights();
  const queryClient = useQueryClient();
  const files = useApplicationFiles(application.id);
  const documents = procedureOf(application.procedure)?.documents ?? [];
  const editable =
    rights.canApplyFor(application.facilityId) && ['draft', 'returned'].includes(application.status);
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['licensing', 'applications', 'files', application.id] }),
      queryClient.invalidateQueries({ queryKey: ['licensing', 'applications', 'events', application.id] }),
    ]);

  const upload = useMutation({
    mutationFn: ({ documentType, file }: { documentType: string; file: File }) =>
      api.upload<ApplicationFile>(`/applications/${application.id}/files`, file, {
        query: { documentType, filename: file.name },
      }),
    onSuccess: async (saved) => {
      await refresh();
      void message.success(t('licensing.dossier.uploaded', { name: saved.filename }));
    },
  });
  const remove = useMutation({
    mutationFn: (file: ApplicationFile) => api.delete(`/applications/${application.id}/files/${file.id}`),
    onSuccess: async () => {
      await refresh();
      void message.success(t('licensing.dossier.removed'));
    },
  });

  const choose = (documentType: string) => {
    upload.reset();
    setTarget(documentType);
    input.current?.click();
  };
  const onFile = (file: File | undefined) => {
    if (!file || !target) return;
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('licensing.dossier.tooLarge', { name: file.name }));
      return;
    }
    upload.mutate({ documentType: target, file });
  };

  if (files.isError) return <LoadError error={files.error} onRetry={() => void files.refetch()} />;
  const missing = missingDocuments(application, files.data);

  return (
    <Flex vertical gap={12} data-testid="dossier">
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="dossier-file-input"
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {editable ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('licensing.dossier.hint')}
        </Typography.Text>
      ) : null}
      <ErrorAlert error={upload.error ?? remove.error} />
      <List
        loading={files.isLoading}
        dataSource={[...documents]}
        split
        renderItem={(document) => {
          const own = (files.data ?? []).filter((f) => f.documentType === document.code);
          return (
            <List.Item
              key={document.code}
              data-testid={`dossier-doc-${document.code}`}
              actions={
                editable
                  ? [
                      <Button
                        key="add"
                        size="small"
                        icon={<UploadOutlined />}
                        loading={upload.isPending && target === document.code}
                        onClick={() => choose(document.code)}
                        data-testid={`dossier-upload-${document.code}`}
                      >
                        {t('licensing.dossier.attach')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={6} wrap align="center">
                  <span>{document.name[language]}</span>
                  {document.required ? (
                    own.length > 0 ? (
                      <Tag color="green" style={{ marginInlineEnd: 0 }}>
                        {t('licensing.dossier.present')}
                      </Tag>
                    ) : (
                      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                        {t('licensing.dossier.missing')}
                      </Tag>
                    )
                  ) : (
                    <Tag style={{ marginInlineEnd: 0 }}>{t('licensing.dossier.optional')}</Tag>
                  )}
                </Flex>
                {own.map((file) => (
                  <Flex key={file.id} gap={8} align="center" wrap className="dossier-file">
                    <FileIcon type={file.contentType} />
                    <a
                      href={`${API_BASE}/applications/${application.id}/files/${file.id}`}
                      download={file.filename}
                      style={{ overflowWrap: 'anywhere' }}
                      data-testid={`dossier-file-${file.id}`}
                    >
                      {file.filename}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {format.bytes(file.sizeBytes)} · {format.dateTime(file.uploadedAt)}
                      {file.uploadedByName ? ` · ${file.uploadedByName}` : ''}
                    </Typography.Text>
                    {editable ? (
                      <Popconfirm
                        title={t('licensing.dossier.removeConfirm', { name: file.filename })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true, loading: remove.isPending }}
                        onConfirm={() => remove.mutate(file)}
                      >
                        <Tooltip title={t('common.delete')}>
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                          />
                        </Tooltip>
                      </Popconfirm>
                    ) : null}
                  </Flex>
                ))}
              </Flex>
            </List.Item>
          );
        }}
      />
      {missing.length > 0 && application.status !== 'approved' && application.status !== 'refused' ? (
        <Typography.Text type="warning" data-testid="dossier-missing">
          {t('licensing.dossier.missingCount', { count: missing.length })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
