-- Run by tests/lsp/test_neovim.py after the README's set-up (init.lua) and the draft are loaded:
-- waits for the diagnostics, asks for the hover of the FC110 figure, writes both as JSON to
-- $FACTCHECK_NVIM_OUT and quits (whatever happens, so the test never hangs).
local out = { diagnostics = {}, hover = {} }
local ok, err = pcall(function()
  out.waited = vim.wait(tonumber(vim.env.FACTCHECK_NVIM_WAIT_MS or "180000"), function()
    return #vim.diagnostic.get(0) > 0
  end, 50)
  local target
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message,
                                    code = code })
    if code == "FC110" then target = d end
  end
  out.clients = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(out.clients, c.name) end
  if target then
    local params = { textDocument = vim.lsp.util.make_text_document_params(),
                     position = { line = target.lnum, character = target.col + 2 } }
    for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/hover", params, 30000) or {}) do
      if r.result then table.insert(out.hover, r.result.contents.value) end
    end
  end
end)
out.error = (not ok) and tostring(err) or vim.NIL
local f = io.open(vim.env.FACTCHECK_NVIM_OUT, "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
