"""The assessment pages, one module per part: the indicator table, results (`scorecards`),
years and runs, the county's materials, responses to the draft, the assessor's workbench;
`common` holds the lookups they share."""
