"""Dashboard about Norway's volunteer centres (frivilligsentraler) and rural municipalities."""
