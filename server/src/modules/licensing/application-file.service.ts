/**
 * The files of an application's dossier, each under one document of the procedure (thành phần hồ sơ).
 * The applicant attaches and removes them while the dossier is a draft or returned for completion; whoever may
 * read the application may download them. The type is judged from the bytes, never from the name.
 */
import {
  ATTACHMENT_TYPES,
  procedure as procedureOf,
  safeFileName,
  sniffAttachmentType,
  type ApplicationFile,
  type ProcedureCode,
} from '@sievert/core';
import type { Selectable } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { DatabaseFileStore } from '../../adapters/files.js';
import type { Db, Executor } from '../../db/database.js';
import type { ApplicationFilesTable } from '../../db/schema.js';
import { invalidField, notFound } from '../../errors.js';
import type { Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { ApplicationService } from './application.service.js';

/** Per file; said in the form before the applicant chooses one. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_APPLICATION = 40;

type FileRow = Selectable<ApplicationFilesTable>;

export class ApplicationFileService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly applications: ApplicationService,
    private readonly store: DatabaseFileStore,
  ) {}

  async list(actor: Actor, applicationId: number): Promise<ApplicationFile[]> {
    await this.applications.readable(this.db, actor, applicationId);
    const rows = await this.db
      .selectFrom('application_files')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
    return rows.map(view);
  }

  async upload(
    actor: Actor,
    applicationId: number,
    documentType: string,
    filename: string,
    bytes: Uint8Array,
  ): Promise<ApplicationFile> {
    return this.db.transaction().execute(async (trx) => {
      const app = await this.applications.readable(trx, actor, applicationId);
      this.applications.requireEditableBy(actor, app, 'attach');
      const documents = procedureOf(app.procedure as ProcedureCode).documents;
      if (!documents.some((d) => d.code === documentType))
        throw invalidField('/documentType', 'unknown_document');
      if (bytes.byteLength === 0) throw invalidField('/file', 'required');
      if (bytes.byteLength > MAX_ATTACHMENT_BYTES)
        throw invalidField('/file', 'too_large', { limit: '10 MB' });
      const type = sniffAttachmentType(bytes);
      if (!type) throw invalidField('/file', 'file_type');
      const count = await trx
        .selectFrom('application_files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_FILES_PER_APPLICATION)
        throw invalidField('/file', 'too_many_items', { limit: MAX_FILES_PER_APPLICATION });
      const now = this.clock.now().toISOString();
      const sha256 = await this.store.put(trx, bytes, now);
      const row = await trx
        .insertInto('application_files')
        .values({
          application_id: applicationId,
          document_type: documentType,
          filename: safeFileName(filename, type),
          content_type: ATTACHMENT_TYPES[type],
          size_bytes: bytes.byteLength,
          sha256,
          uploaded_by: actor.userId,
          uploaded_by_name: actor.displayName,
          uploaded_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const file = view(row);
      await this.audit.record(trx, actor, {
        action: 'application.attach',
        entityType: 'application',
        entityId: applicationId,
        after: { fileId: file.id, documentType, filename: file.filename, sizeBytes: file.sizeBytes, sha256 },
      });
      return file;
    });
  }

  async download(
    actor: Actor,
    applicationId: number,
    fileId: number,
  ): Promise<{ file: ApplicationFile; bytes: Buffer }> {
    await this.applications.readable(this.db, actor, applicationId);
    const row = await this.find(applicationId, fileId);
    const bytes = await this.store.get(this.db, row.sha256);
    if (!bytes) throw notFound('file', fileId);
    return { file: view(row), bytes };
  }

  async remove(actor: Actor, applicationId: number, fileId: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const app = await this.applications.readable(trx, actor, applicationId);
      this.applications.requireEditableBy(actor, app, 'detach');
      const row = await this.find(applicationId, fileId, trx);
      await trx.deleteFrom('application_files').where('id', '=', fileId).execute();
      await this.store.release(trx, row.sha256);
      await this.audit.record(trx, actor, {
        action: 'application.detach',
        entityType: 'application',
        entityId: applicationId,
        before: { fileId, documentType: row.document_type, filename: row.filename, sha256: row.sha256 },
      });
    });
  }

  private async find(applicationId: number, fileId: number, db: Executor = this.db): Promise<FileRow> {
    const row = await db
      .selectFrom('application_files')
      .selectAll()
      .where('id', '=', fileId)
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (!row) throw notFound('file', fileId);
    return row;
  }
}

function view(r: FileRow): ApplicationFile {
  return {
    id: r.id,
    applicationId: r.application_id,
    documentType: r.document_type,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
    uploadedByName: r.uploaded_by_name,
  };
}
