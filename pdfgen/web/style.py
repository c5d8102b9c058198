"""The page's look: readable type, one accent colour, and clear marks for problems."""

STYLE = """
body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem;
       color: #1d232a; }
h1 { color: #1f4e79; font-size: 1.6rem; }
fieldset { border: 1px solid #c5ccd3; border-radius: 6px; margin: 0 0 1rem; padding: .8rem 1rem; }
legend { font-weight: 600; padding: 0 .3rem; }
label { display: block; margin: .5rem 0 .15rem; font-weight: 500; }
label.inline { display: inline-block; font-weight: 400; }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #8a949e;
       border-radius: 4px; }
textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace;
       font-size: .9rem; }
.row { display: flex; gap: 1rem; flex-wrap: wrap; }
.row > div { flex: 1 1 12rem; }
.summary { color: #4d5661; font-size: .9rem; }
button { font: inherit; padding: .45rem .9rem; border: 0; border-radius: 4px;
       background: #1f4e79; color: white; margin: .4rem .4rem .4rem 0; cursor: pointer; }
button.quiet { background: #e8edf2; color: #1f4e79; }
.problem { background: #fdecea; border-left: 4px solid #b3261e; padding: .4rem .8rem;
       margin: .4rem 0; }
.warning { background: #fff4e5; border-left: 4px solid #b26a00; padding: .4rem .8rem;
       margin: .4rem 0; }
.ok { color: #1e6b34; }
.thumbs { display: flex; flex-wrap: wrap; gap: .5rem; }
.thumb { background: white; border: 1px solid #c5ccd3; padding: 2px; color: #4d5661;
       display: flex; flex-direction: column; align-items: center; }
.thumb img { display: block; max-height: 150px; }
img.large { max-width: 100%; border: 1px solid #c5ccd3; margin-top: .8rem; }
.scroll { overflow: auto; max-height: 24rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid #c5ccd3; padding: .2rem .5rem; text-align: left; }
a.button { display: inline-block; padding: .45rem .9rem; border-radius: 4px;
       background: #1f4e79; color: white; text-decoration: none; margin: .4rem .4rem 0 0; }
tr.refused td, tr.failed td { background: #fdecea; }
.htmx-indicator { opacity: 0; } .htmx-request .htmx-indicator, .htmx-request.htmx-indicator
       { opacity: 1; }
"""
