"""How the assessment results are presented: table cells, readable inputs, PDF reports.

`cells` holds a score against its maximum and last year's (colour band, change, arrow);
`readable.readable_inputs` formats an item's `inputs` JSON for the page and the report alike;
`pdf.render_pdf` renders a print template with the very context the page uses and turns it into
an A4 PDF with embedded CJK fonts.
"""
