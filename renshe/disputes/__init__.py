"""智慧调解仲裁: labour and work-injury disputes from a worker's application to a signed agreement or an award."""
