import Hummingbird
import HummingbirdCore
import IATI
import Tables

/// The page at `/`: drop or choose a file, pick what to do with it, read the result. Plain
/// HTML, CSS and a few lines of script (no framework): the file is posted to the API as it
/// is, the validation report and the outputs report shown in the page, converted files and
/// tables downloaded. English, or Vietnamese with `?lang=vi`.
enum WebPage {
    static func response(_ request: Request, context: some RequestContext, keysRequired: Bool) throws -> Response {
        // A page falls back to English rather than refusing an unknown language.
        let language = (try? Parameter.choice(request.uri.queryParameters, "lang", default: ReportLanguage.en)) ?? .en
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-src 'self' blob: data:"],
            body: .init(byteBuffer: ByteBuffer(string: html(Words.of(language), keysRequired: keysRequired))))
    }

    static func html(_ words: Words, keysRequired: Bool) -> String {
        """
        <!doctype html>
        <html lang="\(words.code)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>iatix — \(words.title)</title>
        <style>
        body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 0; color: #1d2733; background: #f4f6f9; }
        header { background: #0b3d6b; color: #fff; padding: 14px 24px; display: flex; justify-content: space-between; align-items: center; }
        header h1 { font-size: 1.25rem; margin: 0; }
        header a { color: #cfe3ff; margin-left: 12px; }
        main { max-width: 980px; margin: 24px auto; padding: 0 16px; }
        form { background: #fff; border-radius: 8px; padding: 20px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
        #drop { border: 2px dashed #8aa4c0; border-radius: 8px; padding: 28px; text-align: center; cursor: pointer; background: #fafcff; }
        #drop.over { background: #e6f0fb; border-color: #0b3d6b; }
        #drop strong { display: block; margin-bottom: 6px; }
        fieldset { border: 0; padding: 0; margin: 16px 0 0; }
        legend { font-weight: 600; margin-bottom: 6px; }
        label { margin-right: 18px; white-space: nowrap; }
        .row { margin-top: 14px; }
        button { margin-top: 18px; background: #0b3d6b; color: #fff; border: 0; border-radius: 6px; padding: 10px 22px; font-size: 1rem; cursor: pointer; }
        button:disabled { background: #8aa4c0; cursor: default; }
        #status { margin-top: 14px; min-height: 1.4em; }
        #status.error { color: #a61b1b; }
        iframe { width: 100%; height: 75vh; border: 1px solid #cfd8e3; border-radius: 8px; margin-top: 16px; background: #fff; display: none; }
        .hint { color: #566473; font-size: .9rem; }
        </style>
        </head>
        <body>
        <header><h1>iatix · \(words.title)</h1><nav><a href="/?lang=en">English</a><a href="/?lang=vi">Tiếng Việt</a><a href="/openapi.yaml">API</a></nav></header>
        <main>
        <form id="job">
        <div id="drop" tabindex="0"><strong>\(words.drop)</strong><span id="chosen" class="hint">\(words.noFile)</span></div>
        <input type="file" id="file" accept=".xml,.gz,application/xml,text/xml" hidden>
        <fieldset><legend>\(words.action)</legend>
        <label><input type="radio" name="action" value="validate" checked> \(words.validate)</label>
        <label><input type="radio" name="action" value="convert"> \(words.convert)</label>
        <label><input type="radio" name="action" value="tables"> \(words.tables)</label>
        <label><input type="radio" name="action" value="outputs"> \(words.outputs)</label>
        </fieldset>
        <div class="row"><label>\(words.language) <select id="lang"><option value="en"\(words.code == "en" ? " selected" : "")>English</option><option value="vi"\(words.code == "vi" ? " selected" : "")>Tiếng Việt</option></select></label>
        <label>\(words.table) <select id="table">\(tableOptions)</select></label></div>
        <div class="row"\(keysRequired ? "" : " hidden")><label>\(words.key) <input type="password" id="key" size="40" autocomplete="off"></label></div>
        <button type="submit" id="go" disabled>\(words.start)</button>
        <div id="status" role="status"></div>
        </form>
        <iframe id="result" title="\(words.result)" sandbox="allow-same-origin"></iframe>
        <p class="hint">\(words.footer)</p>
        </main>
        <script>
        (function () {
          var words = { working: \(json(words.working)), done: \(json(words.done)), failed: \(json(words.failed)), downloaded: \(json(words.downloaded)) };
          var file = null;
          var drop = document.getElementById('drop'), input = document.getElementById('file'), go = document.getElementById('go');
          var status = document.getElementById('status'), frame = document.getElementById('result');
          function choose(f) { file = f; document.getElementById('chosen').textContent = f ? f.name + ' (' + Math.ceil(f.size / 1024) + ' KB)' : ''; go.disabled = !f; }
          drop.addEventListener('click', function () { input.click(); });
          drop.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
          input.addEventListener('change', function () { choose(input.files[0] || null); });
          drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
          drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
          drop.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('over'); choose(e.dataTransfer.files[0] || null); });
          function say(text, isError) { status.textContent = text; status.className = isError ? 'error' : ''; }
          document.getElementById('job').addEventListener('submit', function (e) {
            e.preventDefault();
            if (!file) return;
            var action = document.querySelector('input[name=action]:checked').value;
            var lang = document.getElementById('lang').value;
            var name = encodeURIComponent(file.name);
            var url = {
              validate: '/api/validate?format=html&status=report&lang=' + lang + '&name=' + name,
              convert: '/api/convert?to=json&name=' + name,
              tables: '/api/flatten?format=csv&excel=true&table=' + document.getElementById('table').value + '&name=' + name,
              outputs: '/api/outputs?format=html&lang=' + lang + '&name=' + name
            }[action];
            var headers = { 'Content-Type': 'application/xml' };
            var key = document.getElementById('key').value;
            if (key) headers['Authorization'] = 'Bearer ' + key;
            go.disabled = true;
            say(words.working);
            var started = Date.now();
            fetch(url, { method: 'POST', body: file, headers: headers }).then(function (response) {
              var type = response.headers.get('Content-Type') || '';
              if (type.indexOf('text/html') === 0) {
                return response.text().then(function (html) {
                  frame.srcdoc = html; frame.style.display = 'block';
                  say(words.done + ' (HTTP ' + (response.headers.get('X-Validation-Status') || response.status) + ', ' + ((Date.now() - started) / 1000).toFixed(1) + ' s)');
                });
              }
              if (!response.ok) {
                return response.json().then(function (error) { say(words.failed + ' ' + response.status + ': ' + error.error, true); });
              }
              return response.blob().then(function (blob) {
                var link = document.createElement('a');
                var disposition = response.headers.get('Content-Disposition') || '';
                var match = /filename="([^"]+)"/.exec(disposition);
                link.href = URL.createObjectURL(blob);
                link.download = match ? match[1] : file.name.replace(/\\.xml(\\.gz)?$/, '') + '.json';
                document.body.appendChild(link); link.click(); link.remove();
                say(words.downloaded + ' ' + link.download);
              });
            }).catch(function (error) { say(words.failed + ': ' + error, true); })
              .then(function () { go.disabled = false; });
          });
        })();
        </script>
        </body>
        </html>

        """
    }

    private static var tableOptions: String {
        TableCatalogue.all.map { "<option value=\"\($0.name)\">\($0.name)</option>" }.joined()
    }

    private static func json(_ text: String) -> String {
        var out = ""
        JSONText.appendString(text, to: &out)
        return out
    }

    /// The page's words in one language.
    struct Words {
        var code, title, drop, noFile, action, validate, convert, tables, outputs, language, table, key, start, result, footer: String
        var working, done, failed, downloaded: String

        static func of(_ language: ReportLanguage) -> Words {
            switch language {
            case .en:
                Words(
                    code: "en", title: "IATI files for the Decent Work Country Programme",
                    drop: "Drop an IATI XML file here, or click to choose one", noFile: "No file chosen (XML, or XML compressed with gzip)",
                    action: "What to do", validate: "Validate (report)", convert: "Convert to JSON", tables: "Flat table (CSV)",
                    outputs: "Programme outputs (report)", language: "Language of the report", table: "Table", key: "API key",
                    start: "Start", result: "Result",
                    footer: "The file is sent to this server only, checked or converted as it arrives, and not kept.",
                    working: "Working…", done: "Done", failed: "Failed", downloaded: "Downloaded")
            case .vi:
                Words(
                    code: "vi", title: "Tệp IATI cho Chương trình Quốc gia về Việc làm Bền vững",
                    drop: "Thả tệp IATI XML vào đây, hoặc bấm để chọn tệp", noFile: "Chưa chọn tệp (XML, hoặc XML nén gzip)",
                    action: "Thao tác", validate: "Kiểm tra (báo cáo)", convert: "Chuyển sang JSON", tables: "Bảng phẳng (CSV)",
                    outputs: "Đầu ra của chương trình (báo cáo)", language: "Ngôn ngữ báo cáo", table: "Bảng", key: "Khóa API",
                    start: "Bắt đầu", result: "Kết quả",
                    footer: "Tệp chỉ được gửi tới máy chủ này, được kiểm tra hoặc chuyển đổi ngay khi nhận và không được lưu lại.",
                    working: "Đang xử lý…", done: "Xong", failed: "Lỗi", downloaded: "Đã tải xuống")
            }
        }
    }
}
