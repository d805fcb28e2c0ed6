import { Type } from 'typebox';
import { ApplicationFile, ErrorBody, Id, UploadApplicationFileQuery } from '@sievert/core';
import { AppError } from '../../errors.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { MAX_ATTACHMENT_BYTES, type ApplicationFileService } from './application-file.service.js';

const FileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });
const AppParams = Type.Object({ id: Id }, { additionalProperties: false });

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` (RFC 6266), safe for Vietnamese names. */
function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function applicationFileRoutes(app: Http, files: ApplicationFileService): void {
  const tags = ['licensing'];
  app.get(
    '/api/v1/applications/:id/files',
    {
      schema: {
        tags,
        summary: "The files of the application's dossier",
        params: AppParams,
        response: { 200: Type.Array(ApplicationFile), ...errors },
      },
    },
    async (request) => files.list(actorOf(request), request.params.id),
  );

  // The file arrives as the raw body (any content type: the bytes decide what it is), only on this route.
  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.removeAllContentTypeParsers();
    http.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    http.post(
      '/api/v1/applications/:id/files',
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        schema: {
          tags,
          summary:
            'Attach a file (raw body: PDF, PNG, JPEG, DOCX or XLSX, at most 10 MB) under one document of the procedure',
          params: AppParams,
          querystring: UploadApplicationFileQuery,
          response: { 201: ApplicationFile, ...errors, 413: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type');
        const file = await files.upload(
          actorOf(request),
          request.params.id,
          request.query.documentType,
          request.query.filename,
          body,
        );
        return reply.status(201).send(file);
      },
    );
  });

  app.get(
    '/api/v1/applications/:id/files/:fileId',
    { schema: { tags, summary: 'Download one file of the dossier', params: FileParams } },
    async (request, reply) => {
      const { file, bytes } = await files.download(
        actorOf(request),
        request.params.id,
        request.params.fileId,
      );
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(bytes);
    },
  );

  app.delete(
    '/api/v1/applications/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Remove a file while the dossier is a draft or returned for completion',
        params: FileParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await files.remove(actorOf(request), request.params.id, request.params.fileId);
      return reply.status(204).send(null);
    },
  );
}
