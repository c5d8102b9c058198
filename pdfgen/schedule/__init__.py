"""The block week by week: progression and expansion into training days, numbers only."""
