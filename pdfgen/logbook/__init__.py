"""What was logged: reading filled logs back, and the next block from them."""
