"""The teachers dashboard and its drill-downs (docs/teachers.md): the selectors put the
figures together, `figures` words them, `display` lays them out, `views` serves the pages."""
