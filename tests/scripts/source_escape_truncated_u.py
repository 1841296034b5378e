x = 'xy\u12'
