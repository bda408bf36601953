/// The OpenAPI 3.1 description of the API, served at `/openapi.yaml` and printed by
/// `iatix serve --openapi`; written from `schemas/openapi.yaml` by `scripts/openapi-document.py`
/// (a test keeps them equal).
enum OpenAPIDocument {
    static let text = #"""
        openapi: 3.1.0
        info:
          title: iatix serve
          version: 0.1.0
          summary: IATI validation, conversion, flat tables and programme outputs over HTTP.
          description: |
            The official IATI Validator's API (`POST /api/pub/validate`, `GET /api/pub/version`: the same
            parameters, status codes and report), and iatix's own endpoints. Every body is the file
            itself (IATI XML of versions 1.0x to 2.03, gzip-compressed or not), read as a stream: it is
            limited by the server's `--max-body` only (1 GiB by default). Errors are JSON objects with
            `error` (what happened and what to do), `code` and `requestId`; every response carries an
            `X-Request-Id` header. When the server runs with `--api-keys`, every `/api/` call needs
            `Authorization: Bearer KEY` (401 otherwise).
          license:
            name: Apache-2.0
        servers:
          - url: /
        tags:
          - name: official
            description: The official IATI Validator's API.
          - name: iatix
            description: Conversion, tables and outputs.
          - name: operations
            description: Health, metrics and this document.
        paths:
          /api/pub/validate:
            post:
              tags: [official]
              operationId: validateOfficial
              summary: Validate an IATI file as the official IATI Validator does.
              description: |
                200 without schema errors; 422 with schema errors (0.3.1), for a file that is not IATI
                (0.2.1) or of an unsupported version (0.6.1, reported once; iatix checks a 1.0x file's
                content as upgraded to 2.03 too); 400 for XML that is not well-formed (0.1.1) or an
                empty body; 413 over the size limit. Every finding carries its XPath, line and column, and
                a rule's finding the element the rule ran on (`contextElement`, `contextLine`,
                `contextColumn`); `details=true` adds the official `details` object (a rule's
                `xpathContext` and `caseContext`, each node with its `lineNumber` and `columnNumber`; a
                codelist finding's `xpath` and `codelist`); `meta` is accepted.
              parameters:
                - $ref: '#/components/parameters/details'
                - $ref: '#/components/parameters/group'
                - $ref: '#/components/parameters/meta'
                - $ref: '#/components/parameters/name'
              requestBody:
                $ref: '#/components/requestBodies/iatiFile'
              responses:
                '200':
                  description: The report; no schema error.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/ValidationReport'}
                '400':
                  description: Not well-formed XML (the report, with finding 0.1.1), or no body (an error).
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/ReportOrError'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '408': {$ref: '#/components/responses/BodyTimeout'}
                '413': {$ref: '#/components/responses/TooLarge'}
                '415': {$ref: '#/components/responses/UnsupportedMediaType'}
                '422':
                  description: The report, with schema errors, or a file that is not IATI or of an unsupported version.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/ValidationReport'}
                '503': {$ref: '#/components/responses/Busy'}
                '504': {$ref: '#/components/responses/TimeLimit'}
          /api/pub/version:
            get:
              tags: [official]
              operationId: version
              summary: The version of the API (iatix's version).
              responses:
                '200':
                  description: The version.
                  content:
                    text/plain:
                      schema: {type: string}
                '401': {$ref: '#/components/responses/Unauthorized'}
          /api/validate:
            post:
              tags: [iatix]
              operationId: validate
              summary: Validate an IATI file; the report in any of iatix's formats, in English or Vietnamese.
              description: The same checks and status codes as `/api/pub/validate`; the report as `iatix validate --format FORMAT --lang LANG` writes it.
              parameters:
                - name: format
                  in: query
                  schema: {type: string, enum: [json, html, sarif, junit, text], default: json}
                - $ref: '#/components/parameters/lang'
                - $ref: '#/components/parameters/group'
                - $ref: '#/components/parameters/name'
                - name: status
                  in: query
                  description: official (default) answers as /api/pub/validate does; report answers 200 whenever a report was made, with the official status in the X-Validation-Status header (for browsers and tools that take any 4xx for a failed request).
                  schema: {type: string, enum: [official, report], default: official}
              requestBody:
                $ref: '#/components/requestBodies/iatiFile'
              responses:
                '200':
                  description: The report; no schema error (or any report, with status=report).
                  headers:
                    X-Validation-Status:
                      description: With status=report, the status the official API would give.
                      schema: {type: integer}
                  content: &reports
                    application/json:
                      schema: {$ref: '#/components/schemas/ReportOrError'}
                    text/html:
                      schema: {type: string}
                    application/sarif+json:
                      schema: {type: object}
                    application/xml:
                      schema: {type: string}
                    text/plain:
                      schema: {type: string}
                '400':
                  description: Not well-formed XML (the report), or no body (a JSON error).
                  content: *reports
                '401': {$ref: '#/components/responses/Unauthorized'}
                '408': {$ref: '#/components/responses/BodyTimeout'}
                '413': {$ref: '#/components/responses/TooLarge'}
                '415': {$ref: '#/components/responses/UnsupportedMediaType'}
                '422':
                  description: The report, with schema errors, or a file that is not IATI or of an unsupported version.
                  content: *reports
                '503': {$ref: '#/components/responses/Busy'}
                '504': {$ref: '#/components/responses/TimeLimit'}
          /api/convert:
            post:
              tags: [iatix]
              operationId: convert
              summary: Convert an IATI file to normalised JSON, JSON Lines or canonical IATI 2.03 XML.
              description: |
                As `iatix convert` does a file. The result is sent as it is made; an input that cannot be
                read at all is answered 400 (not well-formed, 0.1.1) or 422 (not IATI, 0.2.1) with a JSON
                error. An input that fails after the first bytes were sent has its response cut off (the
                transfer does not end properly), so that a partial result is never taken for a whole one.
              parameters:
                - name: to
                  in: query
                  description: |
                    `jsonl` holds the records only, one per line: the file's own extensions (attributes of its
                    root in other namespaces, elements after the records) are left out, as `iatix convert --to
                    jsonl` warns; `json` and `xml` keep them.
                  schema: {type: string, enum: [json, jsonl, xml], default: json}
                - $ref: '#/components/parameters/name'
              requestBody:
                required: true
                content:
                  application/xml:
                    schema: {type: string}
                  application/json:
                    description: iatix's normalised JSON document (as `/api/convert?to=json` writes it), to convert to XML.
                    schema: {type: object}
              responses:
                '200':
                  description: The converted document.
                  content:
                    application/json:
                      schema: {type: object}
                    application/x-ndjson:
                      schema: {type: string}
                    application/xml:
                      schema: {type: string}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '408': {$ref: '#/components/responses/BodyTimeout'}
                '413': {$ref: '#/components/responses/TooLarge'}
                '415': {$ref: '#/components/responses/UnsupportedMediaType'}
                '422': {$ref: '#/components/responses/Error'}
                '503': {$ref: '#/components/responses/Busy'}
                '504': {$ref: '#/components/responses/TimeLimit'}
          /api/flatten:
            post:
              tags: [iatix]
              operationId: flatten
              summary: One flat table of the file's activities, as `iatix flatten` writes it.
              description: |
                The tables and their columns are those of docs/tables.md. A table needs the whole input
                before its first row (its narrative columns are the languages found), so the body is
                spooled to a private temporary folder as it arrives, removed after the answer; CSV and
                JSON Lines rows are then sent as they are made, an XLSX workbook once it is written. An
                input that cannot be read to its end is refused with 422 (or, when rows were already
                sent, its response is cut off).
              parameters:
                - name: table
                  in: query
                  schema:
                    type: string
                    enum: [activities, participating_orgs, sectors, countries, regions, locations, transactions, transaction_splits, budgets, budget_splits, planned_disbursements, results, indicators, periods, documents, narratives]
                    default: activities
                - name: format
                  in: query
                  schema: {type: string, enum: [csv, jsonl, xlsx], default: csv}
                - name: lang
                  in: query
                  description: Languages of the narrative columns, in order of preference (default every language found).
                  schema:
                    type: array
                    items: {type: string, pattern: '^[a-z]{2,3}$'}
                  style: form
                  explode: true
                - name: excel
                  in: query
                  description: CSV starts with a byte order mark, for Excel.
                  schema: {type: boolean, default: false}
                - $ref: '#/components/parameters/name'
              requestBody:
                $ref: '#/components/requestBodies/iatiFile'
              responses:
                '200':
                  description: The table.
                  content:
                    text/csv:
                      schema: {type: string}
                    application/x-ndjson:
                      schema: {type: string}
                    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
                      schema: {type: string, contentMediaType: application/octet-stream}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '408': {$ref: '#/components/responses/BodyTimeout'}
                '413': {$ref: '#/components/responses/TooLarge'}
                '415': {$ref: '#/components/responses/UnsupportedMediaType'}
                '422': {$ref: '#/components/responses/Error'}
                '503': {$ref: '#/components/responses/Busy'}
                '504': {$ref: '#/components/responses/TimeLimit'}
          /api/outputs:
            post:
              tags: [iatix]
              operationId: outputs
              summary: The cooperation programme's outputs of the file's activities, with the server's framework.
              description: As `iatix outputs --framework F` writes them. 404 when the server was started without `--framework`.
              parameters:
                - $ref: '#/components/parameters/lang'
                - name: format
                  in: query
                  schema: {type: string, enum: [json, html], default: json}
                - $ref: '#/components/parameters/name'
              requestBody:
                $ref: '#/components/requestBodies/iatiFile'
              responses:
                '200':
                  description: The outputs.
                  content:
                    application/json:
                      schema: {type: object}
                    text/html:
                      schema: {type: string}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/Error'}
                '408': {$ref: '#/components/responses/BodyTimeout'}
                '413': {$ref: '#/components/responses/TooLarge'}
                '415': {$ref: '#/components/responses/UnsupportedMediaType'}
                '422': {$ref: '#/components/responses/Error'}
                '503': {$ref: '#/components/responses/Busy'}
                '504': {$ref: '#/components/responses/TimeLimit'}
          /:
            get:
              tags: [operations]
              operationId: page
              summary: The page to drop a file on, in English or Vietnamese.
              parameters:
                - name: lang
                  in: query
                  description: en or vi; any other value gives the English page.
                  schema: {type: string}
              responses:
                '200':
                  description: The page.
                  content:
                    text/html:
                      schema: {type: string}
          /healthz:
            get:
              tags: [operations]
              operationId: health
              summary: 200 while the server takes requests.
              responses:
                '200':
                  description: Healthy.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status]
                        properties:
                          status: {type: string, const: ok}
          /metrics:
            get:
              tags: [operations]
              operationId: metrics
              summary: Prometheus metrics.
              responses:
                '200':
                  description: Requests by route and status, durations, bytes, findings by severity, jobs, requests turned away.
                  content:
                    text/plain:
                      schema: {type: string}
          /openapi.yaml:
            get:
              tags: [operations]
              operationId: openapi
              summary: This document.
              responses:
                '200':
                  description: The OpenAPI 3.1 description of the API.
                  content:
                    application/yaml:
                      schema: {type: string}
        components:
          parameters:
            details:
              name: details
              in: query
              description: The official validator's parameter (default false); `true` gives each finding the official `details` object, with the lines and columns of the nodes it is about.
              schema: {type: string, enum: ['true', 'false', 'True', 'False']}
            group:
              name: group
              in: query
              description: Findings grouped by activity, then category (default true); `false` gives one flat list, each finding with its identifier and title.
              schema: {type: string, enum: ['true', 'false', 'True', 'False']}
            meta:
              name: meta
              in: query
              description: The official validator's parameter (default false); accepted.
              schema: {type: string, enum: ['true', 'false', 'True', 'False']}
            name:
              name: name
              in: query
              description: The file's name, shown in the report's `file` and the tables' `file` column (default `-` in reports, `upload.xml` in tables).
              schema: {type: string, pattern: '^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$'}
            lang:
              name: lang
              in: query
              schema: {type: string, enum: [en, vi], default: en}
          requestBodies:
            iatiFile:
              required: true
              description: The IATI XML file itself (not a form), gzip-compressed or not.
              content:
                application/xml:
                  schema: {type: string}
                application/octet-stream:
                  schema: {type: string, contentMediaType: application/octet-stream}
          schemas:
            Error:
              type: object
              required: [error, code, requestId]
              properties:
                error: {type: string, description: What happened and what to do.}
                code: {type: string, description: 'A stable word: empty-body, too-large, unsupported-media-type, unknown-parameter, bad-parameter, unauthorized, busy, time-limit, body-timeout, not-well-formed, not-iati, unreadable, not-found, …'}
                requestId: {type: string}
                id: {type: string, description: The official finding id (0.1.1, 0.2.1) where one applies.}
                line: {type: integer}
            ValidationReport:
              type: object
              required: [valid, fileType, iatiVersion, summary, errors]
              properties:
                file: {type: string}
                valid: {type: boolean}
                fileType: {type: string}
                iatiVersion: {type: string}
                apiVersion: {type: string}
                summary:
                  type: object
                  required: [critical, error, warning]
                  properties:
                    critical: {type: integer}
                    error: {type: integer}
                    warning: {type: integer}
                    advisory: {type: integer}
                errors: {type: array}
            ReportOrError:
              oneOf:
                - $ref: '#/components/schemas/ValidationReport'
                - $ref: '#/components/schemas/Error'
          responses:
            Error:
              description: What went wrong and what to do.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            Unauthorized:
              description: No API key, or not one of the server's (only with --api-keys).
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            TooLarge:
              description: The body is larger than the server's --max-body.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            UnsupportedMediaType:
              description: The body is not sent as XML (a form, JSON where XML is needed) or has an unknown Content-Encoding.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            Busy:
              description: Every job place is taken; try again after Retry-After seconds.
              headers:
                Retry-After:
                  schema: {type: integer}
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            TimeLimit:
              description: The job took longer than the server's --time-limit and was stopped.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            BodyTimeout:
              description: The body stopped arriving (nothing for the server's --body-timeout seconds) and was given up on; send the file again.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}

        """#
}
